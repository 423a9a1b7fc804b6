package fr.guichetbio.portal.catalogue.listing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The listing editor on a real PostgreSQL: a member adds capacity and a slot that the public page shows at once with
 * an audit trail; and each refusal of the issue (a concurrent save, an oversized or fake PDF, a non-member, a member
 * raising a verification level) answers a clear message and changes nothing.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class ListingEditorTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    long organisation;
    String slug;
    long member;
    long colleague;
    long stranger;
    long moderator;

    @BeforeEach
    void organisationWithMembers() {
        int n = SEQUENCE.incrementAndGet();
        slug = "editeur-" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
        organisation = jdbc.sql("""
                        insert into organisation (slug, name, kind, status)
                        values (:slug, :name, 'MANUFACTURER', 'ACTIVE') returning id
                        """)
                .param("slug", slug)
                .param("name", "CDMO fictive " + n)
                .query(Long.class)
                .single();
        member = person("Membre " + n);
        colleague = person("Collègue " + n);
        stranger = person("Autre " + n);
        moderator = person("Modératrice " + n, PlatformRole.ADMIN);
        for (long person : List.of(member, colleague)) {
            jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, 'MEMBER')")
                    .param("o", organisation)
                    .param("p", person)
                    .update();
        }
    }

    // ---- acceptance 1, through the pages ----

    @Test
    void memberAddsSingleUseAavCapacityAndNextQuarterSlotPublicPageShowsItAtOnceAndAuditHasIt() throws Exception {
        String location = mvc.perform(post("/organisations/" + slug + "/sites/nouveau")
                        .with(as(member))
                        .with(csrf())
                        .param("name", "Site de Lyon Gerland")
                        .param("street", "1 rue de la Bioproduction")
                        .param("postalCode", "69007")
                        .param("city", "Lyon")
                        .param("regionCode", "84")
                        .param("country", "FR"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String key = location.replaceAll("^.*/sites/([^/]+)/modifier$", "$1");
        assertThat(key).startsWith(slug + "-site-de-lyon-gerland");
        // A draft until it has a capability: not public yet.
        mvc.perform(get("/sites/" + key)).andExpect(status().isNotFound());

        mvc.perform(post("/organisations/" + slug + "/sites/" + key + "/capacites/nouvelle")
                        .with(as(member))
                        .with(csrf())
                        .param("version", "0")
                        .param("modality", "AAV")
                        .param("services", "UPSTREAM", "DOWNSTREAM")
                        .param("stages", "CLINICAL_EARLY", "CLINICAL_LATE")
                        .param("gmp", "true")
                        .param("bioreactors[0].technology", "SINGLE_USE")
                        .param("bioreactors[0].workingVolumeLitres", "500")
                        .param("bioreactors[0].count", "2")
                        .param("bioreactors[1].technology", "")
                        .param("bioreactors[1].workingVolumeLitres", "")
                        .param("bioreactors[1].count", ""))
                .andExpect(status().is3xxRedirection());
        LocalDate nextQuarter =
                LocalDate.now().with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3);
        mvc.perform(post("/organisations/" + slug + "/sites/" + key + "/creneaux/nouveau")
                        .with(as(member))
                        .with(csrf())
                        .param("version", "1")
                        .param("from", nextQuarter.toString())
                        .param("to", nextQuarter.plusMonths(3).minusDays(1).toString())
                        .param("modality", "AAV")
                        .param("stage", "CLINICAL_EARLY")
                        .param("workingVolumeLitres", "500")
                        .param("slots", "1"))
                .andExpect(status().is3xxRedirection());

        Document page = html(mvc.perform(get("/sites/" + key)).andExpect(status().isOk()));
        assertThat(page.text()).contains("Vecteurs AAV").contains("500").contains("Usage unique");
        assertThat(page.select("#bioreactors tbody tr").text()).contains("500").contains("2");
        int quarter = nextQuarter.get(IsoFields.QUARTER_OF_YEAR);
        assertThat(page.text()).contains("T" + quarter + " " + nextQuarter.getYear());

        assertThat(actions()).containsSubsequence("site.created", "capability.added", "availability.added");
        Map<String, Object> capability =
                jdbc.sql("""
                        select a.after_state::text after from audit_entry a
                         where a.organisation_id = :o and a.action = 'capability.added'
                        """).param("o", organisation).query().singleRow();
        assertThat((String) capability.get("after"))
                .contains("\"AAV\"")
                .contains("SINGLE_USE")
                .contains("500");
        assertThat(jdbc.sql("select count(*) from outbox where aggregate_type = 'site' and aggregate_id ="
                                + " (select id from site where site_key = :key)")
                        .param("key", key)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    // ---- acceptance 4: refusals ----

    @Test
    void secondSaveOfTheSameVersionIsRefusedWithWhatChangedAndOverwritesNothing() throws Exception {
        Site site = site();
        // Both open the editor at the same version.
        mvc.perform(get(site.url() + "/modifier").with(as(member))).andExpect(status().isOk());
        mvc.perform(get(site.url() + "/capacites/0").with(as(colleague))).andExpect(status().isOk());
        // The colleague saves first: 2 x 500 L becomes 2 x 1000 L.
        capability(colleague, site, site.version(), "1000").andExpect(status().is3xxRedirection());
        // The member, still on the version they opened, renames the site.
        Document refused = html(mvc.perform(post(site.url() + "/modifier")
                        .with(as(member))
                        .with(csrf())
                        .param("version", String.valueOf(site.version()))
                        .param("name", "Nouveau nom")
                        .param("postalCode", "69007")
                        .param("city", "Lyon")
                        .param("regionCode", "84")
                        .param("country", "FR"))
                .andExpect(status().isConflict()));
        assertThat(refused.getElementById("conflict").text()).contains("Votre enregistrement a été refusé");
        assertThat(refused.select("#conflict-changes tbody tr").text())
                .contains("Capacité 1 › Bioréacteurs 1 › Volume utile (L)")
                .contains("500")
                .contains("1000");
        // Their input is kept, with the new version so that saving again is a choice.
        assertThat(refused.getElementById("name").val()).isEqualTo("Nouveau nom");
        assertThat(refused.select("input[name=version]").val()).isEqualTo(String.valueOf(site.version() + 1));
        assertThat(siteName(site)).isEqualTo("Site d’essai");
        assertThat(volume(site)).isEqualTo("1000");

        // A removal against the old version is refused too.
        mvc.perform(post(site.url() + "/capacites/0/supprimer")
                        .with(as(member))
                        .with(csrf())
                        .param("version", String.valueOf(site.version())))
                .andExpect(status().is3xxRedirection());
        assertThat(volume(site)).isEqualTo("1000");
    }

    @Test
    void oversizedOrFakeCertificatesAreRefusedAndNothingIsStored() throws Exception {
        Site site = site();
        byte[] oversized = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, oversized, 0, 9);
        Document tooLarge =
                html(mvc.perform(upload(member, site, "gros.pdf", oversized)).andExpect(status().isPayloadTooLarge()));
        assertThat(tooLarge.getElementById("certificate-error").text()).contains("dépasse 10 Mo");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        Document fake = html(
                mvc.perform(upload(member, site, "certificat.pdf", png)).andExpect(status().isUnprocessableContent()));
        assertThat(fake.getElementById("certificate-error").text()).contains("n’est pas un PDF");
        assertThat(documents(site)).isZero();
        assertThat(level(site)).isEqualTo("DOCUMENT_CHECKED");
        assertThat(version(site)).isEqualTo(site.version());
    }

    @Test
    void aCertificateIsKeptDropsTheLevelAndIsServedToTheOrganisationAndModeratorsOnly() throws Exception {
        Site site = site();
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        mvc.perform(upload(member, site, "C:\\scans\\certificat BPF.pdf", pdf)).andExpect(status().is3xxRedirection());
        assertThat(documents(site)).isOne();
        assertThat(level(site)).isEqualTo("SELF_DECLARED");
        assertThat(jdbc.sql("select review from gmp_evidence where id = :id")
                        .param("id", site.evidenceId())
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
        String url = site.url() + "/preuves/" + site.evidenceId() + "/certificat";
        byte[] served = mvc.perform(get(url).with(as(colleague)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(served).isEqualTo(pdf);
        mvc.perform(get(url).with(as(moderator))).andExpect(status().isOk());
        mvc.perform(get(url).with(as(stranger))).andExpect(status().isForbidden());
        mvc.perform(get(url)).andExpect(status().is3xxRedirection());
        assertThat(actions()).contains("gmp.evidence.certificateUploaded");
    }

    @Test
    void aRejectedListingGoesBackToTheModerationQueueOnceChanged() throws Exception {
        Site site = site();
        jdbc.sql("update site set review = 'REJECTED', review_comment = 'Adresse incomplète' where id = :id")
                .param("id", site.id())
                .update();
        Document editor =
                html(mvc.perform(get(site.url() + "/modifier").with(as(member))).andExpect(status().isOk()));
        assertThat(editor.getElementById("site-rejected").text()).contains("Adresse incomplète");
        mvc.perform(post(site.url() + "/modifier")
                        .with(as(member))
                        .with(csrf())
                        .param("version", String.valueOf(site.version()))
                        .param("name", "Site d’essai")
                        .param("street", "12 avenue Tony Garnier")
                        .param("postalCode", "69007")
                        .param("city", "Lyon")
                        .param("regionCode", "84")
                        .param("country", "FR"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select review from site where id = :id")
                        .param("id", site.id())
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
    }

    @Test
    void aNonMemberCannotEditAnything() throws Exception {
        Site site = site();
        capability(stranger, site, site.version(), "9000").andExpect(status().isForbidden());
        mvc.perform(post(site.url() + "/creneaux/nouveau")
                        .with(as(stranger))
                        .with(csrf())
                        .param("version", String.valueOf(site.version()))
                        .param("from", LocalDate.now().plusDays(10).toString())
                        .param("to", LocalDate.now().plusDays(40).toString())
                        .param("modality", "AAV"))
                .andExpect(status().isForbidden());
        mvc.perform(upload(stranger, site, "x.pdf", "%PDF-1.4 fake enough".getBytes(StandardCharsets.US_ASCII)))
                .andExpect(status().isForbidden());
        mvc.perform(get(site.url() + "/modifier").with(as(stranger))).andExpect(status().isForbidden());
        assertThat(volume(site)).isEqualTo("500");
        assertThat(version(site)).isEqualTo(site.version());
        assertThat(documents(site)).isZero();
        assertThat(actions()).isEmpty();
    }

    @Test
    void aMemberCannotRaiseAVerificationLevel() throws Exception {
        Site site = site();
        jdbc.sql("update gmp_evidence set verification = 'SELF_DECLARED', checked_at = null where id = :id")
                .param("id", site.evidenceId())
                .update();
        Document refused =
                html(mvc.perform(evidence(member, site, "2031-12-31").param("verification", "REGISTRY_MATCHED"))
                        .andExpect(status().isForbidden()));
        assertThat(refused.getElementById("verification-error").text())
                .contains("seule la modération peut élever le niveau de vérification");
        assertThat(level(site)).isEqualTo("SELF_DECLARED");
        assertThat(validUntil(site)).isEqualTo("2030-06-30");
        assertThat(version(site)).isEqualTo(site.version());
    }

    @Test
    void anyEditOfCheckedEvidenceDropsItToSelfDeclaredKeepingItsIdAndCertificate() throws Exception {
        Site site = site();
        jdbc.sql("insert into evidence_document (evidence_id, file_name, size_bytes, sha256, content)"
                        + " values (:id, 'c.pdf', 8, repeat('0', 64), '%PDF-1.4'::bytea)")
                .param("id", site.evidenceId())
                .update();
        mvc.perform(evidence(member, site, "2031-12-31")).andExpect(status().is3xxRedirection());
        assertThat(level(site)).isEqualTo("SELF_DECLARED");
        assertThat(validUntil(site)).isEqualTo("2031-12-31");
        assertThat(documents(site)).isOne();
        assertThat(actions()).contains("gmp.evidence.changed");

        // Saving the same values again is not a change: no new version, no new audit entry.
        int version = version(site);
        mvc.perform(evidence(member, site, version, "2031-12-31")).andExpect(status().is3xxRedirection());
        assertThat(version(site)).isEqualTo(version);
    }

    @Test
    void invalidCapabilityIsAnsweredFieldByFieldAndNothingIsSaved() throws Exception {
        Site site = site();
        Document page = html(mvc.perform(post(site.url() + "/capacites/0")
                        .with(as(member))
                        .with(csrf())
                        .param("version", String.valueOf(site.version()))
                        .param("modality", "AAV")
                        .param("stages", "CLINICAL_EARLY")
                        .param("bioreactors[0].workingVolumeLitres", "-5"))
                .andExpect(status().isUnprocessableContent()));
        assertThat(page.getElementById("services-messages").text()).contains("Cochez au moins un service");
        assertThat(page.getElementById("bioreactors-0-workingVolumeLitres-error")
                        .text())
                .contains("supérieur à 0");
        assertThat(page.getElementById("bioreactors-0-technology-error").text()).contains("technologie");
        assertThat(volume(site)).isEqualTo("500");
        assertThat(version(site)).isEqualTo(site.version());
    }

    @Test
    void catalogueProfileIsSavedAuditedAndAStaleSaveShowsWhatIsStoredNow() throws Exception {
        String url = "/organisations/" + slug + "/sites/fiche";
        Document invalid = html(mvc.perform(post(url)
                        .with(as(member))
                        .with(csrf())
                        .param("version", "0")
                        .param("catalogueKind", "CDMO")
                        .param("siren", "123456789"))
                .andExpect(status().isUnprocessableContent()));
        assertThat(invalid.getElementById("siren-checksum-error").text()).contains("clé de contrôle");

        mvc.perform(post(url)
                        .with(as(member))
                        .with(csrf())
                        .param("version", "0")
                        .param("catalogueKind", "CDMO")
                        .param("siren", "732829320")
                        .param("contactEmail", "contact@cdmo.example")
                        .param("descriptionEn", "A fictional CDMO."))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select siren || ' ' || catalogue_kind || ' ' || catalogue_key from catalogue_profile"
                                + " where organisation_id = :id")
                        .param("id", organisation)
                        .query(String.class)
                        .single())
                .isEqualTo("732829320 CDMO " + slug);
        assertThat(actions()).contains("organisation.catalogueProfileUpdated");

        Document stale = html(mvc.perform(post(url)
                        .with(as(colleague))
                        .with(csrf())
                        .param("version", "0")
                        .param("catalogueKind", "CMO"))
                .andExpect(status().isConflict()));
        assertThat(stale.select("#conflict-changes tbody tr").text())
                .contains("Catégorie dans le catalogue")
                .contains("CMO")
                .contains("CDMO")
                .contains("contact@cdmo.example");
        assertThat(stale.select("input[name=version]").val()).isEqualTo("1");
        assertThat(jdbc.sql("select catalogue_kind from catalogue_profile where organisation_id = :id")
                        .param("id", organisation)
                        .query(String.class)
                        .single())
                .isEqualTo("CDMO");
    }

    // ---- fixtures and helpers ----

    /** A site with one AAV capability (2 x 500 L single-use) and one document-checked GMP certificate. */
    record Site(long id, String key, int version, long evidenceId, String url) {}

    private Site site() {
        String key = slug + "-site";
        long id = jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country, version)
                        values (:key, :o, 'Site d’essai', '69007', 'Lyon', '84', 'FR', 3) returning id
                        """)
                .param("key", key)
                .param("o", organisation)
                .query(Long.class)
                .single();
        long capability = jdbc.sql("""
                        insert into capability (site_id, position, modality, services, stages)
                        values (:s, 0, 'AAV', array['UPSTREAM']::varchar(32)[], array['CLINICAL_EARLY']::varchar(32)[])
                        returning id
                        """).param("s", id).query(Long.class).single();
        jdbc.sql("""
                        insert into bioreactor (capability_id, position, technology, working_volume_litres, unit_count)
                        values (:c, 0, 'SINGLE_USE', 500, 2)
                        """).param("c", capability).update();
        long evidence = jdbc.sql("""
                        insert into gmp_evidence (site_id, position, kind, authority, reference, issued, valid_until,
                                                  verification, checked_at, review)
                        values (:s, 0, 'GMP_CERTIFICATE', 'ANSM', 'FR-GMP-TEST-1', '2027-07-01', '2030-06-30',
                                'DOCUMENT_CHECKED', now(), 'CHECKED')
                        returning id
                        """).param("s", id).query(Long.class).single();
        return new Site(id, key, 3, evidence, "/organisations/" + slug + "/sites/" + key);
    }

    private ResultActions capability(long person, Site site, int version, String volume) throws Exception {
        return mvc.perform(post(site.url() + "/capacites/0")
                .with(as(person))
                .with(csrf())
                .param("version", String.valueOf(version))
                .param("modality", "AAV")
                .param("services", "UPSTREAM")
                .param("stages", "CLINICAL_EARLY")
                .param("bioreactors[0].technology", "SINGLE_USE")
                .param("bioreactors[0].workingVolumeLitres", volume)
                .param("bioreactors[0].count", "2"));
    }

    private MockHttpServletRequestBuilder evidence(long person, Site site, String validUntil) {
        return evidence(person, site, site.version(), validUntil);
    }

    private MockHttpServletRequestBuilder evidence(long person, Site site, int version, String validUntil) {
        return post(site.url() + "/preuves/" + site.evidenceId())
                .with(as(person))
                .with(csrf())
                .param("version", String.valueOf(version))
                .param("kind", "GMP_CERTIFICATE")
                .param("authority", "ANSM")
                .param("reference", "FR-GMP-TEST-1")
                .param("issued", "2027-07-01")
                .param("validUntil", validUntil);
    }

    private org.springframework.test.web.servlet.RequestBuilder upload(
            long person, Site site, String name, byte[] content) {
        return multipart(site.url() + "/preuves/" + site.evidenceId() + "/certificat")
                .file(new MockMultipartFile("file", name, "application/pdf", content))
                .param("version", String.valueOf(site.version()))
                .with(as(person))
                .with(csrf());
    }

    private List<String> actions() {
        return jdbc.sql("select action from audit_entry where organisation_id = :o order by id")
                .param("o", organisation)
                .query(String.class)
                .list();
    }

    private String volume(Site site) {
        return jdbc.sql("""
                        select b.working_volume_litres::text from bioreactor b join capability c on c.id = b.capability_id
                         where c.site_id = :s
                        """).param("s", site.id()).query(String.class).single();
    }

    private int version(Site site) {
        return jdbc.sql("select version from site where id = :id")
                .param("id", site.id())
                .query(Integer.class)
                .single();
    }

    private String siteName(Site site) {
        return jdbc.sql("select name from site where id = :id")
                .param("id", site.id())
                .query(String.class)
                .single();
    }

    private String level(Site site) {
        return jdbc.sql("select verification from gmp_evidence where id = :id")
                .param("id", site.evidenceId())
                .query(String.class)
                .single();
    }

    private String validUntil(Site site) {
        return jdbc.sql("select valid_until::text from gmp_evidence where id = :id")
                .param("id", site.evidenceId())
                .query(String.class)
                .single();
    }

    private long documents(Site site) {
        return jdbc.sql("select count(*) from evidence_document where evidence_id = :id")
                .param("id", site.evidenceId())
                .query(Long.class)
                .single();
    }

    private long person(String name, PlatformRole... roles) {
        return TestPeople.person(jdbc, name, UUID.randomUUID() + "@exemple.fr", roles);
    }

    private RequestPostProcessor as(long personId) {
        return TestPeople.signedIn(jdbc, personId);
    }

    private static Document html(ResultActions result) throws Exception {
        return Jsoup.parse(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
