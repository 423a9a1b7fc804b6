package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.OidcProperties;
import fr.guichetbio.portal.identity.People;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local runs and tests only ({@code guichet.demo.accounts}, set by the launcher): three active, clearly fictional
 * organisations administered by the demo accounts {@code sponsor}, {@code cdmo} and {@code instructor} (a training
 * provider, owner of the demo courses). Runs after the identity seeder
 * created the demo people; idempotent.
 */
@Component
@ConditionalOnProperty(name = "guichet.demo.accounts")
// Demo data is for people using the pages: an indexer process (no web application) never seeds.
@ConditionalOnWebApplication
// Local runs only (the run command sets the profile): a production portal never seeds, whatever its settings.
@Profile("local")
class DemoOrganisations {

    private static final Logger log = LoggerFactory.getLogger(DemoOrganisations.class);

    static final List<Demo> DEMOS = List.of(
            new Demo(
                    "demo-biotech",
                    "Démo Biotech (fictive)",
                    OrganisationKind.SPONSOR,
                    "https://biotech.demo.guichet-bio.example",
                    "Organisation fictive de démonstration : une biotech qui cherche un sous-traitant.",
                    "sponsor"),
            new Demo(
                    "demo-cdmo",
                    "Démo CDMO (fictive)",
                    OrganisationKind.MANUFACTURER,
                    "https://cdmo.demo.guichet-bio.example",
                    "Organisation fictive de démonstration : un façonnier (CDMO) de médicaments biologiques.",
                    "cdmo"),
            new Demo(
                    "demo-formation",
                    "Démo Formation (fictive)",
                    OrganisationKind.TRAINING_PROVIDER,
                    "https://formation.demo.guichet-bio.example",
                    "Organisme de formation fictif de démonstration : il publie les cours de démonstration.",
                    "instructor"));

    private final JdbcClient jdbc;
    private final People people;
    private final OidcProperties oidc;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    DemoOrganisations(
            JdbcClient jdbc, People people, OidcProperties oidc, AuditTrail audit, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.people = people;
        this.oidc = oidc;
        this.audit = audit;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    void seed() {
        for (Demo demo : DEMOS) {
            transactions.executeWithoutResult(status -> seed(demo));
        }
    }

    void seed(Demo demo) {
        Optional<Long> admin = people.idOf(oidc.issuerUri(), demo.adminUsername());
        Optional<Long> existing = jdbc.sql("select id from organisation where slug = :slug")
                .param("slug", demo.slug())
                .query(Long.class)
                .optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            id = jdbc.sql("""
                            insert into organisation (slug, name, kind, website, website_domain, description, status)
                            values (:slug, :name, :kind, :website, :domain, :description, 'ACTIVE')
                            returning id
                            """)
                    .param("slug", demo.slug())
                    .param("name", demo.name())
                    .param("kind", demo.kind().name())
                    .param("website", demo.website())
                    .param("domain", Websites.domainOf(demo.website()))
                    .param("description", demo.description())
                    .query(Long.class)
                    .single();
            audit.record(new AuditEvent(
                    null, null, id, "organisation.created", "organisation", String.valueOf(id), null, demo));
            log.info("Demo organisation \"{}\" created", demo.name());
        }
        if (admin.isEmpty()) {
            log.warn(
                    "Demo account {} not found: demo organisation \"{}\" has no admin",
                    demo.adminUsername(),
                    demo.name());
            return;
        }
        // Only while the organisation has no member: an admin who later left or was removed is not re-added
        // as long as others remain.
        jdbc.sql("""
                        insert into membership (organisation_id, person_id, role)
                        select :organisation, :person, 'ADMIN'
                         where not exists (select 1 from membership where organisation_id = :organisation)
                        """).param("organisation", id).param("person", admin.get()).update();
    }

    record Demo(
            String slug,
            String name,
            OrganisationKind kind,
            String website,
            String description,
            String adminUsername) {}
}
