package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Local runs and tests only ({@code guichet.demo.accounts}, set by the launcher): imports the {@link DemoCatalogue}
 * after the demo organisations exist ({@code @Order(3)}). The demo CDMO organisation ({@code demo-cdmo}) gets the
 * catalogue key of the generated catalogue's first organisation, so the demo {@code cdmo} account has a listing.
 * Idempotent: a re-import by key changes only what differs (open slots move with the calendar quarter).
 */
@Component
@ConditionalOnProperty(name = "guichet.demo.accounts")
// Demo data is for people using the pages: an indexer process (no web application) never seeds.
@ConditionalOnWebApplication
// Local runs only (the run command sets the profile): a production portal never seeds, whatever its settings.
@Profile("local")
class DemoCatalogueSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogueSeeder.class);

    private final CatalogueImport catalogueImport;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    DemoCatalogueSeeder(CatalogueImport catalogueImport, JdbcClient jdbc, JsonMapper json) {
        this.catalogueImport = catalogueImport;
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(3)
    void seed() {
        // Once only: the demo catalogue is then data like any other, which people edit; a restart must not undo
        // their edits (the launcher's --reset starts from a fresh catalogue).
        boolean seeded = jdbc.sql("""
                        select exists (select 1 from site s join catalogue_profile p
                                               on p.organisation_id = s.organisation_id where p.catalogue_key = :key)
                        """)
                .param("key", DemoCatalogue.DEMO_CDMO_KEY)
                .query(Boolean.class)
                .single();
        if (seeded) {
            log.info("Demo catalogue already present: not seeded again");
            return;
        }
        jdbc.sql("""
                        insert into catalogue_profile (organisation_id, catalogue_key)
                        select o.id, :key from organisation o
                         where o.slug = :key and not exists (select 1 from catalogue_profile where catalogue_key = :key)
                        on conflict (organisation_id) do update set catalogue_key = excluded.catalogue_key
                         where catalogue_profile.catalogue_key is null
                        """).param("key", DemoCatalogue.DEMO_CDMO_KEY).update();
        CatalogueDocument demo = DemoCatalogue.demo(LocalDate.now(ZoneId.of("Europe/Paris")));
        try {
            CatalogueImport.Report report = catalogueImport.importDocument(
                    json.writeValueAsString(demo), CatalogueImport.Options.system(false), Locale.ENGLISH);
            if (report.ok()) {
                log.info("Demo catalogue: {}", report.counts());
            } else {
                log.warn("Demo catalogue not imported: {}", report.errors());
            }
        } catch (RuntimeException e) {
            // Demo data must not keep the portal from starting.
            log.error("Demo catalogue not imported", e);
        }
    }
}
