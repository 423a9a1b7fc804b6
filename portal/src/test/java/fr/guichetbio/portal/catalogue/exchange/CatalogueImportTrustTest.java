package fr.guichetbio.portal.catalogue.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Action;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Options;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Report;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may set GMP verification levels through an import, evidence identity across re-imports, background jobs with
 * progress and the organisation admins' import page, on a real PostgreSQL. Files above 20 kB run in the background
 * here, so that a small generated catalogue goes through a job.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.catalogue.import.background-bytes=20000",
            // A job holds two connections (the import's, its progress'); the whole suite shares one PostgreSQL.
            "spring.datasource.hikari.maximum-pool-size=4"
        })
@AutoConfigureMockMvc
class CatalogueImportTrustTest {

    private static final String EVIDENCE_LEVEL = "/organisations/0/sites/0/gmpEvidence/0/verification";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    CatalogueImport catalogueImport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void emptyCatalogue() {
        // Rows that listeners of earlier tests write after commit land before the tables are emptied.
        TestEvents.awaitDelivered(jdbc);
        jdbc.sql("delete from catalogue_import_job").update();
        jdbc.sql("delete from site").update();
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from api_client").update();
        jdbc.sql("delete from organisation").update();
    }

    @Test
    void anOrganisationsImportCannotRaiseAVerificationLevel() throws IOException {
        long own = organisation("own-org", null);
        Report report = catalogueImport.importDocument(
                claiming("REGISTRY_MATCHED"), new Options(false, own, null, null), Locale.FRENCH);

        assertThat(report.errors()).isEmpty();
        // (The other warning: the document's name, not applied to a public organisation without review.)
        assertThat(report.warnings())
                .filteredOn(warning -> !warning.pointer().equals("/organisations/0/name"))
                .singleElement()
                .satisfies(warning -> {
                    assertThat(warning.pointer()).isEqualTo(EVIDENCE_LEVEL);
                    assertThat(warning.message()).contains("seul un modérateur");
                });
        assertThat(value("select verification from gmp_evidence")).isEqualTo("SELF_DECLARED");
        assertThat(value("select review from gmp_evidence")).isEqualTo("PENDING");
        assertThat(count("gmp_evidence where checked_at is null and checked_by is null"))
                .isOne();
        assertThat(value("select review from site")).isEqualTo("PENDING");
        // The snapshot is what was stored, not what was claimed.
        assertThat(value("select content->'gmpEvidence'->0->>'verification' from site_revision where version = 0"))
                .isEqualTo("SELF_DECLARED");

        // The same document again: nothing to change (the stored level is the one to compare), still a warning.
        Report again = catalogueImport.importDocument(
                claiming("REGISTRY_MATCHED"), new Options(false, own, null, null), Locale.ENGLISH);
        assertThat(again.count("site", Action.UNCHANGED)).isOne();
        assertThat(again.warnings())
                .extracting(CatalogueImport.ImportError::pointer)
                .containsExactly("/organisations/0/name", EVIDENCE_LEVEL);
    }

    @Test
    void anOrganisationsImportSendsANewNameOrWebsiteOfItsPublicOrganisationToReview() throws IOException {
        long own = organisation("own-org", null);
        Report report = catalogueImport.importDocument(
                claiming("SELF_DECLARED"), new Options(false, own, null, null), Locale.FRENCH);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).anySatisfy(warning -> {
            assertThat(warning.pointer()).isEqualTo("/organisations/0/name");
            assertThat(warning.message()).contains("administrateur du guichet");
        });
        assertThat(value("select name from organisation where id = " + own))
                .as("the approved name stays public")
                .isEqualTo("own-org");
        assertThat(value("select website from organisation where id = " + own)).isNull();
        assertThat(value("select name from organisation_identity_change where status = 'PENDING' and organisation_id = "
                        + own))
                .isNotNull()
                .isNotEqualTo("own-org");
        assertThat(count("audit_entry where action = 'organisation.identity_proposed' and organisation_id = " + own))
                .isOne();
        // The same document again: the same change is already waiting, nothing new to review.
        catalogueImport.importDocument(claiming("SELF_DECLARED"), new Options(false, own, null, null), Locale.FRENCH);
        assertThat(count("audit_entry where action = 'organisation.identity_proposed' and organisation_id = " + own))
                .isOne();
        assertThat(value("select name from organisation where id = " + own)).isEqualTo("own-org");
    }

    @Test
    void aSystemImportKeepsTheDocumentsLevels() throws IOException {
        Report report =
                catalogueImport.importDocument(claiming("REGISTRY_MATCHED"), Options.system(false), Locale.ENGLISH);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(value("select verification from gmp_evidence")).isEqualTo("REGISTRY_MATCHED");
        assertThat(value("select review from gmp_evidence")).isEqualTo("CHECKED");
        assertThat(count("gmp_evidence where checked_at is not null")).isOne();
        assertThat(value("select review from site")).isEqualTo("CHECKED");
        assertThat(count("site_revision")).isOne();
    }

    @Test
    void reImportsKeepTheEvidenceRowAndItsCertificateAndAnyChangeDropsTheLevel() throws IOException {
        catalogueImport.importDocument(claiming("DOCUMENT_CHECKED"), Options.system(false), Locale.ENGLISH);
        long organisation =
                jdbc.sql("select id from organisation").query(Long.class).single();
        long evidence =
                jdbc.sql("select id from gmp_evidence").query(Long.class).single();
        jdbc.sql("""
                        insert into evidence_document (evidence_id, file_name, size_bytes, sha256, content)
                        values (:id, 'certificat.pdf', 8, repeat('a', 64), decode('255044462d312e37', 'hex'))
                        """).param("id", evidence).update();
        Options byTheOrganisation = new Options(false, organisation, null, null);

        // Unchanged, re-imported by the organisation itself: same row, same certificate, same level.
        Report same = catalogueImport.importDocument(claiming("DOCUMENT_CHECKED"), byTheOrganisation, Locale.ENGLISH);
        assertThat(same.count("site", Action.UNCHANGED)).isOne();
        assertThat(same.warnings()).isEmpty();
        assertThat(jdbc.sql("select id from gmp_evidence").query(Long.class).single())
                .isEqualTo(evidence);
        assertThat(value("select verification from gmp_evidence")).isEqualTo("DOCUMENT_CHECKED");
        assertThat(count("evidence_document")).isOne();

        // Another capability only: the site is rewritten, the evidence row stays as it was.
        String otherCapability =
                claiming("DOCUMENT_CHECKED").replace("\"workingVolumeLitres\": 1000", "\"workingVolumeLitres\": 2000");
        assertThat(otherCapability).contains("\"workingVolumeLitres\": 2000");
        Report capability = catalogueImport.importDocument(otherCapability, byTheOrganisation, Locale.ENGLISH);
        assertThat(capability.count("site", Action.UPDATED)).isOne();
        assertThat(jdbc.sql("select id from gmp_evidence").query(Long.class).single())
                .isEqualTo(evidence);
        assertThat(value("select verification from gmp_evidence")).isEqualTo("DOCUMENT_CHECKED");
        assertThat(count("evidence_document")).isOne();

        // The evidence itself changed: same row and certificate, back to self-declared and to the moderators.
        String changed = otherCapability.replace("\"issued\": \"2025-05-02\"", "\"issued\": \"2025-05-09\"");
        assertThat(changed).contains("2025-05-09");
        Report edited = catalogueImport.importDocument(changed, byTheOrganisation, Locale.ENGLISH);
        assertThat(edited.count("site", Action.UPDATED)).isOne();
        assertThat(edited.warnings())
                .extracting(CatalogueImport.ImportError::pointer)
                .containsExactly(EVIDENCE_LEVEL);
        assertThat(jdbc.sql("select id from gmp_evidence").query(Long.class).single())
                .isEqualTo(evidence);
        assertThat(count("evidence_document")).isOne();
        assertThat(value("select verification from gmp_evidence")).isEqualTo("SELF_DECLARED");
        assertThat(value("select review from gmp_evidence")).isEqualTo("PENDING");
        assertThat(value("select issued::text from gmp_evidence")).isEqualTo("2025-05-09");
        long siteVersion =
                jdbc.sql("select version from site").query(Long.class).single();
        assertThat(siteVersion).isEqualTo(2);
        assertThat(count("site_revision")).isEqualTo(3);
        assertThat(count("outbox where aggregate_type = 'site' and version = 2"))
                .isOne();
    }

    @Test
    void aLargeUploadRunsAsAJobThatReachesDoneWithTheReport() throws Exception {
        MockHttpSession admin = signedIn(person("job-admin"), EnumSet.of(PlatformRole.ADMIN));
        byte[] generated = json.writeValueAsString(DemoCatalogue.generate(7, 10, 30, LocalDate.of(2026, 11, 28)))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(generated.length).isGreaterThan(20000);

        String location = mvc.perform(multipart("/admin/catalogue/import")
                        .file(new MockMultipartFile("file", "large.json", "application/json", generated))
                        .session(admin)
                        .with(csrf()))
                .andExpect(status().isFound())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).matches("/admin/catalogue/import/[0-9]+");
        long job = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"DONE".equals(value("select phase from catalogue_import_job where id = " + job))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(value("select phase from catalogue_import_job where id = " + job))
                .isEqualTo("DONE");
        assertThat(jdbc.sql("select sites_done from catalogue_import_job where id = " + job)
                        .query(Integer.class)
                        .single())
                .isEqualTo(30);
        assertThat(count("site")).isEqualTo(30);
        mvc.perform(get(location).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("catalogue-import-changes")))
                .andExpect(content().string(containsString("large.json")))
                .andExpect(content().string(not(containsString("hx-trigger"))));
    }

    @Test
    void aRunningJobsPageRefreshesItself() throws Exception {
        MockHttpSession admin = signedIn(person("job-watcher"), EnumSet.of(PlatformRole.ADMIN));
        long job = jdbc.sql("""
                        insert into catalogue_import_job (file_name, dry_run, phase, sites_done, sites_total)
                        values ('slow.json', false, 'WRITING', 1500, 10000) returning id
                        """).query(Long.class).single();

        mvc.perform(get("/admin/catalogue/import/" + job).session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("hx-trigger=\"every 2s\"")))
                .andExpect(content().string(containsString("http-equiv=\"refresh\"")))
                .andExpect(content().string(containsString("value=\"15\"")));
    }

    @Test
    void organisationAdminsImportTheirOwnCatalogueOnly() throws Exception {
        long own = organisation("own-org", null);
        organisation("other-org", "exemple-biologics");
        long adminId = person("org-admin");
        long memberId = person("org-member");
        membership(own, adminId, "ADMIN");
        membership(own, memberId, "MEMBER");
        MockHttpSession orgAdmin = signedIn(adminId, EnumSet.noneOf(PlatformRole.class));
        MockHttpSession member = signedIn(memberId, EnumSet.noneOf(PlatformRole.class));
        byte[] example = claiming("REGISTRY_MATCHED").getBytes(StandardCharsets.UTF_8);

        mvc.perform(get("/organisations/own-org").session(orgAdmin))
                .andExpect(content().string(containsString("/organisations/own-org/catalogue/import")));
        mvc.perform(get("/organisations/own-org").session(member))
                .andExpect(content().string(not(containsString("/organisations/own-org/catalogue/import"))));
        mvc.perform(get("/organisations/own-org/catalogue/import").session(member))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/organisations/own-org/catalogue/import")
                        .file(new MockMultipartFile("file", "example.json", "application/json", example))
                        .session(member)
                        .with(csrf()))
                .andExpect(status().isForbidden());

        // The document describes another organisation (its key belongs to other-org): refused, nothing written.
        mvc.perform(multipart("/organisations/own-org/catalogue/import")
                        .file(new MockMultipartFile("file", "example.json", "application/json", example))
                        .session(orgAdmin)
                        .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("/organisations/0/key")));
        assertThat(count("site")).isZero();

        jdbc.sql("update catalogue_profile set catalogue_key = null"
                        + " where organisation_id = (select id from organisation where slug = 'other-org')")
                .update();
        mvc.perform(multipart("/organisations/own-org/catalogue/import")
                        .file(new MockMultipartFile("file", "example.json", "application/json", example))
                        .session(orgAdmin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("catalogue-import-warnings")))
                .andExpect(content().string(containsString(EVIDENCE_LEVEL)));
        assertThat(count("site where organisation_id = " + own + " and review = 'PENDING'"))
                .isOne();
        assertThat(value("select verification from gmp_evidence")).isEqualTo("SELF_DECLARED");
        assertThat(count("audit_entry where action = 'catalogue.imported' and actor_person_id = " + adminId))
                .isOne();
    }

    /** The contracts' example, its one piece of evidence claiming {@code level}. */
    private static String claiming(String level) throws IOException {
        String example =
                new ClassPathResource("catalogue/catalogue-v1.example.json").getContentAsString(StandardCharsets.UTF_8);
        String claimed = example.replace("\"verification\": \"SELF_DECLARED\"", "\"verification\": \"" + level + "\"");
        assertThat(claimed).contains("\"verification\": \"" + level + "\"");
        return claimed;
    }

    private String value(String sql) {
        return jdbc.sql(sql).query(String.class).optional().orElse(null);
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }

    private long organisation(String slug, String catalogueKey) {
        return jdbc.sql("""
                        with o as (insert into organisation (slug, name, kind, status)
                                   values (:slug, :slug, 'MANUFACTURER', 'ACTIVE') returning id),
                             p as (insert into catalogue_profile (organisation_id, catalogue_key) select id, :key from o)
                        select id from o
                        """)
                .param("slug", slug)
                .param("key", catalogueKey)
                .query(Long.class)
                .single();
    }

    private long person(String subject) {
        return jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, :subject, :email, current_timestamp,
                                current_timestamp)
                        on conflict (issuer, subject) do update set name = excluded.name
                        returning id
                        """)
                .param("subject", subject)
                .param("email", subject + "@example.org")
                .query(Long.class)
                .single();
    }

    private void membership(long organisation, long person, String role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, :r)")
                .param("o", organisation)
                .param("p", person)
                .param("r", role)
                .update();
    }

    /** A session of the person; platform roles are also stored, since every request re-reads them. */
    private MockHttpSession signedIn(long personId, Set<PlatformRole> roles) {
        for (PlatformRole role : roles) {
            jdbc.sql("insert into person_role (person_id, role) values (:p, :r) on conflict do nothing")
                    .param("p", personId)
                    .param("r", role.name())
                    .update();
        }
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .claim("name", "Person " + personId)
                .build();
        PortalUser user = new PortalUser(
                new DefaultOidcUser(List.of(), idToken),
                personId,
                "Person " + personId,
                roles.isEmpty() ? EnumSet.noneOf(PlatformRole.class) : EnumSet.copyOf(roles));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new OAuth2AuthenticationToken(user, user.getAuthorities(), "guichet"));
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        return session;
    }
}
