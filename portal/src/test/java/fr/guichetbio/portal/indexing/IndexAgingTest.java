package fr.guichetbio.portal.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.SiteDocuments;
import fr.guichetbio.portal.support.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The daily pass that queues the sites whose documents aged, on a real PostgreSQL. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.indexing.enabled=false"
        })
class IndexAgingTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SiteDocuments documents;

    @Autowired
    Outbox outbox;

    IndexAging aging;
    long site;

    @BeforeEach
    void oneSiteWithASlotEndingOnTheLastDayOfNovember() {
        jdbc.sql("delete from index_aging").update();
        jdbc.sql("delete from site").update();
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from api_client").update();
        jdbc.sql("delete from organisation").update();
        aging = new IndexAging(jdbc, transactions, documents, outbox);
        long organisation = jdbc.sql("""
                        with o as (insert into organisation (slug, name, kind, status)
                                   values ('vieillit', 'Org vieillit', 'MANUFACTURER', 'ACTIVE') returning id),
                             p as (insert into catalogue_profile (organisation_id, catalogue_kind) select id, 'CDMO' from o)
                        select id from o""").query(Long.class).single();
        site = jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country)
                        values ('vieillit-lyon', :org, 'Site', '69007', 'Lyon', '84', 'FR') returning id""").param("org", organisation).query(Long.class).single();
        jdbc.sql("""
                        insert into capability (site_id, position, modality, services, stages, gmp)
                        values (:site, 0, 'AAV', '{UPSTREAM}', '{PRECLINICAL}', false)""").param("site", site).update();
        jdbc.sql("""
                        insert into availability_slot (site_id, position, available_from, available_to, modality)
                        values (:site, 0, date '2026-11-01', date '2026-11-30', 'AAV')""").param("site", site).update();
        jdbc.sql("update site set version = 4 where id = :id").param("id", site).update();
    }

    @Test
    void onePassADayQueuesTheAgedSitesAtTheirCurrentVersion() {
        assertThat(aging.passFor(LocalDate.of(2026, 11, 30))).isZero(); // the slot still runs today
        assertThat(aging.passFor(LocalDate.of(2026, 11, 30))).isZero(); // done for the day
        assertThat(outbox()).isEmpty();

        assertThat(aging.passFor(LocalDate.of(2026, 12, 1))).isEqualTo(1);
        assertThat(outbox()).containsExactly(site + ":4");
        // Another replica checking the same day finds the pass done.
        assertThat(aging.passFor(LocalDate.of(2026, 12, 1))).isZero();
        assertThat(outbox()).hasSize(1);
        assertThat(jdbc.sql("select sites from index_aging where day = date '2026-12-01'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void thePassAfterDaysOfDowntimeCoversThem() {
        aging.passFor(LocalDate.of(2026, 11, 20));
        // No pass from 21 November to 3 December: the slot that ended on the 30th is caught on the 4th.
        assertThat(aging.passFor(LocalDate.of(2026, 12, 4))).isEqualTo(1);
    }

    @Test
    void theFirstPassEverLooksOneQuarterBack() {
        assertThat(aging.passFor(LocalDate.of(2027, 2, 15))).isEqualTo(1);
    }

    private List<String> outbox() {
        return jdbc.sql("select aggregate_id || ':' || version from outbox where aggregate_type = 'site' order by id")
                .query(String.class)
                .list();
    }
}
