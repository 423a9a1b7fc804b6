package fr.guichetbio.portal.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo organisations, seeded at startup after the demo people, idempotently. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/demo-issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.demo.accounts=sponsor:SPONSOR,cdmo:CDMO_MEMBER,trainee:TRAINEE,instructor:INSTRUCTOR"
        })
class DemoOrganisationsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoOrganisations seeder;

    @Test
    void threeActiveFictionalOrganisationsAdministeredByTheDemoAccounts() {
        seeder.seed();
        seeder.seed();

        List<Map<String, Object>> rows = jdbc.sql("""
                        select o.name, o.kind, o.status, o.website_domain, p.subject, m.role
                          from organisation o join membership m on m.organisation_id = o.id
                          join person p on p.id = m.person_id
                         where o.slug in ('demo-biotech', 'demo-cdmo', 'demo-formation') order by o.slug
                        """).query().listOfRows();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0))
                .containsEntry("name", "Démo Biotech (fictive)")
                .containsEntry("kind", "SPONSOR")
                .containsEntry("status", "ACTIVE")
                .containsEntry("website_domain", "biotech.demo.guichet-bio.example")
                .containsEntry("subject", "sponsor")
                .containsEntry("role", "ADMIN");
        assertThat(rows.get(1))
                .containsEntry("name", "Démo CDMO (fictive)")
                .containsEntry("kind", "MANUFACTURER")
                .containsEntry("subject", "cdmo")
                .containsEntry("role", "ADMIN");
        assertThat(rows.get(2))
                .containsEntry("name", "Démo Formation (fictive)")
                .containsEntry("kind", "TRAINING_PROVIDER")
                .containsEntry("subject", "instructor")
                .containsEntry("role", "ADMIN");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'organisation.created'"
                                + " and actor_person_id is null and target_type = 'organisation'"
                                + " and organisation_id in (select id from organisation where slug like 'demo-%')")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }
}
