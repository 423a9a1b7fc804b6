package fr.guichetbio.portal.identity;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives the development identity provider's demo accounts their platform roles at startup, when
 * {@code guichet.demo.accounts} is set: creates each person (issuer = {@code guichet.oidc.issuer-uri}, subject =
 * username) if missing and grants the role. Idempotent; runs first ({@code @Order(1)}) so that later seeders (demo
 * organisations) find the people through {@link People#idOf}.
 */
@Component
@ConditionalOnProperty("guichet.demo.accounts")
// Demo data is for people using the pages: an indexer process (no web application) never seeds.
@ConditionalOnWebApplication
// Local runs only (the run command sets the profile): a production portal never seeds, whatever its settings.
@Profile("local")
@EnableConfigurationProperties(DemoAccountsProperties.class)
class DemoAccountsSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoAccountsSeeder.class);

    private final DemoAccountsProperties demo;
    private final OidcProperties oidc;
    private final Persons persons;
    private final AuditTrail audit;

    DemoAccountsSeeder(DemoAccountsProperties demo, OidcProperties oidc, Persons persons, AuditTrail audit) {
        this.demo = demo;
        this.oidc = oidc;
        this.persons = persons;
        this.audit = audit;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    @Transactional
    public void seed() {
        int granted = 0;
        for (DemoAccountsProperties.DemoAccount account : demo.parsed()) {
            long id = persons.upsert(oidc.issuerUri(), account.username());
            if (persons.grant(id, account.role(), null)) {
                granted++;
                // Actor null: the system did it.
                audit.record(new AuditEvent(
                        null,
                        null,
                        null,
                        PersonAdministration.ROLE_GRANTED,
                        "person",
                        String.valueOf(id),
                        null,
                        Map.of("role", account.role().name(), "seeded", true)));
            }
        }
        log.info("Demo accounts: {} role(s) granted for issuer {}", granted, oidc.issuerUri());
    }
}
