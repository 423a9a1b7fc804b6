package fr.guichetbio.portal.catalogue.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo catalogue, loaded at startup after the demo organisations, idempotently, with a listing for demo-cdmo. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/demo-issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.demo.accounts=sponsor:SPONSOR,cdmo:CDMO_MEMBER,trainee:TRAINEE"
        })
class DemoCatalogueSeederTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoCatalogueSeeder seeder;

    @Test
    void loadsTheDemoCatalogueOnceAndGivesTheDemoCdmoAListing() {
        assertThat(count("catalogue_profile where catalogue_key is not null")).isEqualTo(DemoCatalogue.ORGANISATIONS);
        assertThat(count("site")).isEqualTo(DemoCatalogue.SITES);
        assertThat(count("site s join organisation o on o.id = s.organisation_id join membership m"
                        + " on m.organisation_id = o.id join person p on p.id = m.person_id"
                        + " where o.slug = 'demo-cdmo' and p.subject = 'cdmo'"))
                .isPositive();
        assertThat(count("organisation where slug = 'demo-cdmo' and kind = 'MANUFACTURER'"))
                .isOne();
        // The seeding's outbox rows for organisations are written after its commit: count once they have landed.
        TestEvents.awaitDelivered(jdbc);
        long outbox = count("outbox");

        seeder.seed();
        TestEvents.awaitDelivered(jdbc);

        assertThat(count("catalogue_profile where catalogue_key is not null")).isEqualTo(DemoCatalogue.ORGANISATIONS);
        assertThat(count("site")).isEqualTo(DemoCatalogue.SITES);
        assertThat(count("outbox")).isEqualTo(outbox);
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }
}
