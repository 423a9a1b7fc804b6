package fr.guichetbio.portal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.catalogue.index.SiteDocument;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The search documents built from a real PostgreSQL: every field, the public rule, batches and pages. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.indexing.enabled=false"
        })
class SiteDocumentsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageSource messages;

    SiteDocuments documents;
    long active;
    long pending;

    @BeforeEach
    void catalogue() {
        // Rows that listeners of earlier tests write after commit land before the tables are emptied.
        TestEvents.awaitDelivered(jdbc);
        jdbc.sql("delete from site").update();
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from api_client").update();
        jdbc.sql("delete from organisation").update();
        documents = new SiteDocuments(
                jdbc, messages, Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        active = organisation("bioprod", "ACTIVE");
        pending = organisation("attente", "PENDING");
    }

    @Test
    void aPublicSiteGetsEveryField() {
        long site = site(active, "bioprod-lyon", 45.75, 4.85);
        long mab = capability(site, 0, "MAB", "{UPSTREAM,DOWNSTREAM}", "{CLINICAL_EARLY}", "{CHO}", true, "Anticorps");
        long aav = capability(site, 1, "AAV", "{UPSTREAM}", "{PRECLINICAL,CLINICAL_EARLY}", null, false, null);
        bioreactor(mab, 0, 2000);
        bioreactor(mab, 1, 200);
        bioreactor(aav, 0, 50);
        evidence(site, 0, "GMP_CERTIFICATE", "DOCUMENT_CHECKED", "CHECKED", "COMPLIANT");
        evidence(site, 1, "GMP_CERTIFICATE", "REGISTRY_MATCHED", "REJECTED", "COMPLIANT"); // rejected: ignored
        evidence(site, 2, "NON_COMPLIANCE_STATEMENT", "REGISTRY_MATCHED", "CHECKED", "NON_COMPLIANT");
        slot(site, 0, "2026-10-01", "2026-11-27", "passé"); // ended yesterday: ignored
        slot(site, 1, "2026-11-15", "2027-02-10", "Créneau AAV");
        slot(site, 2, "2027-06-01", "2027-06-30", null);
        jdbc.sql("update site set version = 7 where id = :id").param("id", site).update();

        SiteDocument document = documents.publicDocuments(List.of(site)).getFirst();

        assertThat(document.id()).isEqualTo(site);
        assertThat(document.version()).isEqualTo(7);
        assertThat(document.key()).isEqualTo("bioprod-lyon");
        assertThat(document.name()).isEqualTo("Site bioprod-lyon");
        assertThat(document.organisationName()).isEqualTo("Org bioprod");
        assertThat(document.organisationSlug()).isEqualTo("bioprod");
        assertThat(document.organisationKind()).isEqualTo("CDMO");
        assertThat(document.description())
                .containsExactly("Présentation bioprod", "About bioprod", "Anticorps", "Créneau AAV");
        assertThat(document.vocabulary())
                .contains(
                        "Anticorps monoclonaux",
                        "Monoclonal antibodies",
                        messages.getMessage("vocabulary.service.UPSTREAM", null, java.util.Locale.ENGLISH),
                        messages.getMessage("vocabulary.stage.PRECLINICAL", null, java.util.Locale.FRENCH),
                        messages.getMessage("vocabulary.expressionSystem.CHO", null, java.util.Locale.FRENCH));
        assertThat(document.city()).isEqualTo("Lyon");
        assertThat(document.postalCode()).isEqualTo("69007");
        assertThat(document.regionCode()).isEqualTo("84");
        assertThat(document.country()).isEqualTo("FR");
        assertThat(document.location()).isEqualTo(new SiteDocument.GeoPoint(45.75, 4.85));
        assertThat(document.modalities()).containsExactly("MAB", "AAV");
        assertThat(document.services()).containsExactly("UPSTREAM", "DOWNSTREAM");
        assertThat(document.stages()).containsExactly("CLINICAL_EARLY", "PRECLINICAL");
        assertThat(document.expressionSystems()).containsExactly("CHO");
        assertThat(document.gmp()).isTrue();
        assertThat(document.largestVolumeLitres()).isEqualTo(2000);
        assertThat(document.scaleBands()).containsExactlyInAnyOrder("UP_TO_50", "50_500", "500_2000");
        assertThat(document.verification()).isEqualTo("DOCUMENT_CHECKED");
        // The slot that started before today counts from today's quarter.
        assertThat(document.availabilityQuarters()).containsExactly("2026-Q4", "2027-Q1", "2027-Q2");
        assertThat(document.nextSlotFrom()).isEqualTo("2026-11-15");
        assertThat(document.source()).containsEntry("largestVolumeLitres", 2000.0);
    }

    @Test
    void onlyPublicSitesGetADocumentAndVersionsTellTheOthers() {
        long shown = site(active, "bioprod-shown", null, null);
        capability(shown, 0, "VACCINE", "{FILL_FINISH}", "{COMMERCIAL}", null, false, null);
        long noCapability = site(active, "bioprod-empty", null, null);
        long pendingOrganisation = site(pending, "attente-site", null, null);
        capability(pendingOrganisation, 0, "MAB", "{UPSTREAM}", "{RESEARCH}", null, false, null);

        List<SiteDocument> built = documents.publicDocuments(List.of(shown, noCapability, pendingOrganisation, -1L));

        assertThat(built).extracting(SiteDocument::id).containsExactly(shown);
        SiteDocument document = built.getFirst();
        assertThat(document.verification()).isNull(); // no evidence at all
        assertThat(document.gmp()).isFalse();
        assertThat(document.largestVolumeLitres()).isZero();
        assertThat(document.scaleBands()).isEmpty();
        assertThat(document.availabilityQuarters()).isEmpty();
        assertThat(document.nextSlotFrom()).isNull();
        assertThat(documents.countPublic()).isEqualTo(1);
        assertThat(documents.versions(List.of(shown, noCapability, -1L)))
                .isEqualTo(Map.of(shown, 0L, noCapability, 0L));
        assertThat(documents.sitesOfOrganisations(List.of(active))).containsExactlyInAnyOrder(shown, noCapability);
    }

    @Test
    void pagesCoverEveryPublicSiteOnce() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long site = site(active, "bioprod-" + i, null, null);
            capability(site, 0, "MAB", "{UPSTREAM}", "{RESEARCH}", null, false, null);
            expected.add(site);
        }
        site(active, "bioprod-hidden", null, null);

        List<Integer> sizes = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Iterator<List<SiteDocument>> pages = documents.allPublic(3);
        while (pages.hasNext()) {
            List<SiteDocument> page = pages.next();
            sizes.add(page.size());
            page.forEach(document -> ids.add(document.id()));
        }

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(ids).containsExactlyElementsOf(expected);
    }

    @Test
    void sitesAgeWhenASlotEndsOrAQuarterBeginsAcrossOne() {
        long ended = publicSite("ended");
        slot(ended, 0, "2026-10-01", "2026-11-27", null);
        long running = publicSite("running");
        slot(running, 0, "2026-12-01", "2027-01-31", null);
        long later = publicSite("later");
        slot(later, 0, "2027-06-01", "2027-06-30", null);
        long hidden = site(pending, "attente-ended", null, null);
        capability(hidden, 0, "AAV", "{UPSTREAM}", "{PRECLINICAL}", null, false, null);
        slot(hidden, 0, "2026-10-01", "2026-11-27", null);

        // The day after a slot's last day: it leaves the document.
        assertThat(documents.agedSites(LocalDate.of(2026, 11, 27), TODAY)).containsExactly(ended);
        // Nothing ended nor began between two ordinary days.
        assertThat(documents.agedSites(LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 15)))
                .isEmpty();
        // A quarter began: the slot running across it loses 2026-Q4; the slot that has not started keeps its quarters.
        assertThat(documents.agedSites(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1)))
                .containsExactly(running);
        // Days missed are covered by the pass that comes after them.
        assertThat(documents.agedSites(LocalDate.of(2026, 11, 20), LocalDate.of(2027, 1, 2)))
                .containsExactly(ended, running);
    }

    private long publicSite(String key) {
        long site = site(active, key, null, null);
        capability(site, 0, "AAV", "{UPSTREAM}", "{PRECLINICAL}", null, false, null);
        return site;
    }

    private long organisation(String slug, String status) {
        return jdbc.sql("""
                        with o as (insert into organisation (slug, name, kind, status, description)
                                   values (:slug, :name, 'MANUFACTURER', :status, :fr) returning id),
                             p as (insert into catalogue_profile (organisation_id, catalogue_kind, description_en)
                                   select id, 'CDMO', :en from o)
                        select id from o""")
                .param("slug", slug)
                .param("name", "Org " + slug)
                .param("status", status)
                .param("fr", "Présentation " + slug)
                .param("en", "About " + slug)
                .query(Long.class)
                .single();
    }

    private long site(long organisation, String key, Double lat, Double lon) {
        return jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country,
                                          latitude, longitude)
                        values (:key, :org, :name, '69007', 'Lyon', '84', 'FR', :lat, :lon) returning id""")
                .param("key", key)
                .param("org", organisation)
                .param("name", "Site " + key)
                .param("lat", lat, java.sql.Types.NUMERIC)
                .param("lon", lon, java.sql.Types.NUMERIC)
                .query(Long.class)
                .single();
    }

    private long capability(
            long site,
            int position,
            String modality,
            String services,
            String stages,
            String systems,
            boolean gmp,
            String notes) {
        return jdbc.sql("""
                        insert into capability (site_id, position, modality, services, stages, expression_systems, gmp,
                                                notes_fr)
                        values (:site, :position, :modality, cast(:services as varchar(32)[]),
                                cast(:stages as varchar(32)[]), cast(:systems as varchar(32)[]), :gmp, :notes)
                        returning id""")
                .param("site", site)
                .param("position", position)
                .param("modality", modality)
                .param("services", services)
                .param("stages", stages)
                .param("systems", systems, java.sql.Types.VARCHAR)
                .param("gmp", gmp)
                .param("notes", notes, java.sql.Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    private void bioreactor(long capability, int position, double litres) {
        jdbc.sql("insert into bioreactor (capability_id, position, technology, working_volume_litres)"
                        + " values (:capability, :position, 'SINGLE_USE', :litres)")
                .param("capability", capability)
                .param("position", position)
                .param("litres", litres)
                .update();
    }

    private void evidence(long site, int position, String kind, String verification, String review, String outcome) {
        jdbc.sql("""
                        insert into gmp_evidence (site_id, position, kind, authority, reference, verification, checked_at,
                                                  review, outcome)
                        values (:site, :position, :kind, 'ANSM', :reference, :verification, current_timestamp,
                                :review, :outcome)""")
                .param("site", site)
                .param("position", position)
                .param("kind", kind)
                .param("reference", "REF-" + position)
                .param("verification", verification)
                .param("review", review)
                .param("outcome", outcome)
                .update();
    }

    private void slot(long site, int position, String from, String to, String note) {
        jdbc.sql("""
                        insert into availability_slot (site_id, position, available_from, available_to, modality, note_fr)
                        values (:site, :position, cast(:from as date), cast(:to as date), 'AAV', :note)""")
                .param("site", site)
                .param("position", position)
                .param("from", from)
                .param("to", to)
                .param("note", note, java.sql.Types.VARCHAR)
                .update();
    }
}
