package fr.guichetbio.portal.catalogue.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Action;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Options;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Report;
import fr.guichetbio.portal.support.TestApiClients;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Import, re-import, dry run, errors, API access and export round trip of the catalogue, on a real PostgreSQL. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class CatalogueImportTest {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    CatalogueImport catalogueImport;

    @Autowired
    CatalogueExport export;

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
        jdbc.sql("delete from site").update();
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from api_client").update();
        jdbc.sql("delete from organisation").update();
    }

    @Test
    void importsTheContractsExample() throws IOException {
        long audits = count("audit_entry where action = 'catalogue.imported'");
        Report report = importText(resource("catalogue-v1.example.json"), false);

        assertThat(report.errors()).isEmpty();
        assertThat(report.count("organisation", Action.CREATED)).isOne();
        assertThat(report.count("site", Action.CREATED)).isOne();
        assertThat(count("organisation o join catalogue_profile p on p.organisation_id = o.id"
                        + " where p.catalogue_key = 'exemple-biologics' and o.status = 'ACTIVE'"
                        + " and o.kind = 'MANUFACTURER' and p.catalogue_kind = 'CDMO'"))
                .isOne();
        assertThat(count("capability")).isEqualTo(2);
        assertThat(count("bioreactor")).isEqualTo(3);
        assertThat(count("gmp_evidence where verification = 'SELF_DECLARED'")).isOne();
        assertThat(count("availability_slot where available_from = date '2027-04-01'"))
                .isOne();
        assertThat(count("outbox where aggregate_type = 'site'")).isOne();
        assertThat(count("audit_entry where action = 'catalogue.imported'")).isEqualTo(audits + 1);
    }

    @Test
    void reportsEveryErrorWithItsPointerAndCreatesNothing() throws IOException {
        Report report = catalogueImport.importDocument(
                resource("catalogue-v1.three-errors.json"), Options.system(false), Locale.FRENCH);

        assertThat(report.errors())
                .extracting(CatalogueImport.ImportError::pointer)
                .containsExactlyInAnyOrder(
                        "/organisations/0/sites/0/address/city",
                        "/organisations/0/sites/0/capabilities/1/modality",
                        "/organisations/0/sites/0/availability/0/to");
        assertThat(report.errors())
                .anySatisfy(error -> assertThat(error.message())
                        .isEqualTo("La date de fin doit être postérieure ou égale à la date de début."));
        // The schema validator's own French messages, without the location in front.
        assertThat(report.errors())
                .anySatisfy(error -> assertThat(error.message()).startsWith("propriété requise 'city'"));
        assertThat(count("organisation")).isZero();
        assertThat(count("site")).isZero();
        assertThat(count("outbox")).isZero();
    }

    @Test
    void checksSirenRegionAndDuplicateKeys() throws IOException {
        JsonNode doc = json.readTree(resource("catalogue-v1.example.json"));
        String text = doc.toString()
                .replace("\"kind\":\"CDMO\"", "\"siren\":\"123456789\",\"kind\":\"CDMO\"")
                .replace("\"regionCode\":\"11\",", "");
        String twice = text.replace("\"organisations\":[", "\"organisations\":[" + organisationOf(text) + ",");

        Report report = catalogueImport.importDocument(twice, Options.system(false), Locale.ENGLISH);

        assertThat(report.errors())
                .extracting(CatalogueImport.ImportError::pointer)
                .contains(
                        "/organisations/0/siren",
                        "/organisations/0/sites/0/address/regionCode",
                        "/organisations/1/key",
                        "/organisations/1/sites/0/key");
        assertThat(count("organisation")).isZero();
    }

    @Test
    void reImportUpdatesWithoutDuplicatesAndRemovesWhatIsGone() throws IOException {
        String example = resource("catalogue-v1.example.json");
        importText(example, false);
        long siteId = jdbc.sql("select id from site").query(Long.class).single();

        Report same = importText(example, false);
        assertThat(same.count("site", Action.UNCHANGED)).isOne();
        TestEvents.awaitDelivered(jdbc);
        assertThat(count("outbox where aggregate_type = 'site'")).isOne();
        assertThat(count("outbox where aggregate_type = 'organisation'")).isOne();

        String changed = example.replace("\"city\": \"Évry-Courcouronnes\"", "\"city\": \"Évry\"")
                .replace(
                        "{ \"modality\": \"MAB\", \"services\": [\"UPSTREAM\", \"DOWNSTREAM\"], \"stages\": [\"CLINICAL_EARLY\"], \"expressionSystems\": [\"CHO\"], \"gmp\": true,\n              \"bioreactors\": [ { \"technology\": \"SINGLE_USE\", \"workingVolumeLitres\": 1000, \"count\": 1 } ] }",
                        "{ \"modality\": \"MRNA_LNP\", \"services\": [\"FORMULATION\"], \"stages\": [\"PRECLINICAL\"] }");
        assertThat(changed).contains("MRNA_LNP");
        Report updated = importText(changed, false);

        assertThat(updated.count("site", Action.UPDATED)).isOne();
        assertThat(count("organisation")).isOne();
        assertThat(jdbc.sql("select id from site").query(Long.class).single()).isEqualTo(siteId);
        assertThat(jdbc.sql("select city from site").query(String.class).single())
                .isEqualTo("Évry");
        assertThat(jdbc.sql("select modality from capability order by position")
                        .query(String.class)
                        .list())
                .containsExactly("AAV", "MRNA_LNP");
        assertThat(count("outbox where aggregate_id = " + siteId + " and version = 1"))
                .isOne();

        String otherSite = changed.replace("\"key\": \"exemple-evry\"", "\"key\": \"exemple-lyon\"");
        Report moved = importText(otherSite, false);
        assertThat(moved.count("site", Action.CREATED)).isOne();
        assertThat(moved.count("site", Action.REMOVED)).isOne();
        assertThat(jdbc.sql("select site_key from site").query(String.class).list())
                .containsExactly("exemple-lyon");
        assertThat(count("capability")).isEqualTo(2);
    }

    @Test
    void dryRunReportsAndWritesNothing() throws IOException {
        long audits = count("audit_entry where action = 'catalogue.imported'");
        Report report = importText(resource("catalogue-v1.example.json"), true);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.count("organisation", Action.CREATED)).isOne();
        assertThat(report.count("site", Action.CREATED)).isOne();
        assertThat(count("organisation")).isZero();
        assertThat(count("outbox")).isZero();
        assertThat(count("audit_entry where action = 'catalogue.imported'")).isEqualTo(audits);
    }

    @Test
    void apiClientsImportTheirOwnOrganisationOnly() throws Exception {
        String example = resource("catalogue-v1.example.json");
        long own = organisation("own-org", null);
        String token = token(own, "catalogue:read catalogue:write");

        mvc.perform(post("/api/catalogue/import")
                        .param("dryRun", "true")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(example))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.counts['site.CREATED']").value(1));
        assertThat(count("site")).isZero();

        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(example))
                .andExpect(status().isOk());
        assertThat(count("site where organisation_id = " + own)).isOne();
        assertThat(count("catalogue_profile where organisation_id = " + own
                        + " and catalogue_key = 'exemple-biologics'"))
                .isOne();
        assertThat(count("audit_entry where action = 'catalogue.imported' and actor_client_id is not null"))
                .isOne();

        // Another organisation's key: 403, nothing changed.
        long other = organisation("other-org", "autre-biologics");
        String otherToken = token(other, "catalogue:write");
        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + otherToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(example))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].pointer").value("/organisations/0/key"));
        assertThat(count("site where organisation_id = " + other)).isZero();

        // Without the write scope: 403.
        String readOnly = token(own, "catalogue:read");
        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + readOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(example))
                .andExpect(status().isForbidden());

        // Invalid document: 422 with every error.
        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + token)
                        .header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(resource("catalogue-v1.three-errors.json")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(3));
    }

    @Test
    void exportImportExportIsIdentical() throws Exception {
        importText(resource("catalogue-v1.example.json"), false);
        Report demo = importText(
                json.writeValueAsString(DemoCatalogue.generate(3, 8, 15, LocalDate.of(2026, 11, 28))), false);
        assertThat(demo.errors()).isEmpty();
        String first = mvc.perform(get("/catalogue/export.json"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        jdbc.sql("delete from site").update();
        jdbc.sql("delete from organisation").update();
        Report report = importText(first, false);
        assertThat(report.errors()).isEmpty();
        assertThat(report.count("site", Action.CREATED)).isEqualTo(16);
        String second = export.json();

        assertThat(withoutGeneratedAt(second)).isEqualTo(withoutGeneratedAt(first));
        JsonNode exported = json.readTree(second);
        assertThat(exported.get("format").stringValue()).isEqualTo("catalogue/v1");
        assertThat(exported.get("organisations")).hasSize(9);
        assertThat(importText(second, true).count("site", Action.UNCHANGED)).isEqualTo(16);

        String csv = mvc.perform(get("/catalogue/export.csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(1 + (int) count("capability"));
        assertThat(csv).startsWith("organisation_key,organisation_name").contains("exemple-biologics");
    }

    @Test
    void technologiesImportExportAndImportAgainIdentically() throws Exception {
        String example = resource("catalogue-v1.example.json")
                .replace(
                        "\"expressionSystems\": [\"HEK293\"], \"gmp\": true,",
                        "\"expressionSystems\": [\"HEK293\"], \"gmp\": true,"
                                + " \"technologies\": [\"CONTINUOUS_UPSTREAM\", \"PAT_ONLINE_CONTROL\"],");
        assertThat(example).contains("CONTINUOUS_UPSTREAM");
        assertThat(importText(example, false).errors()).isEmpty();
        assertThat(jdbc.sql("select array_to_string(technologies, ',') from capability where modality = 'AAV'")
                        .query(String.class)
                        .single())
                .isEqualTo("CONTINUOUS_UPSTREAM,PAT_ONLINE_CONTROL");

        String exported = export.json();
        JsonNode capability = json.readTree(exported).at("/organisations/0/sites/0/capabilities/0");
        assertThat(capability.path("modality").asString()).isEqualTo("AAV");
        assertThat(capability.path("technologies").toString())
                .isEqualTo("[\"CONTINUOUS_UPSTREAM\",\"PAT_ONLINE_CONTROL\"]");
        // A capability without technologies exports none (not an empty list): documents stay as they were.
        assertThat(json.readTree(exported)
                        .at("/organisations/0/sites/0/capabilities/1")
                        .has("technologies"))
                .isFalse();
        assertThat(export.csv().lines().skip(1).findFirst().orElseThrow())
                .endsWith(",CONTINUOUS_UPSTREAM|PAT_ONLINE_CONTROL");
        assertThat(export.csv().lines().findFirst().orElseThrow()).endsWith(",technologies");

        jdbc.sql("delete from site").update();
        jdbc.sql("delete from organisation").update();
        assertThat(importText(exported, false).errors()).isEmpty();
        assertThat(withoutGeneratedAt(export.json())).isEqualTo(withoutGeneratedAt(exported));
        assertThat(importText(exported, true).count("site", Action.UNCHANGED)).isEqualTo(1);
    }

    @Test
    void anUnknownTechnologyIsRefusedWithItsPointerAndNothingIsWritten() throws IOException {
        String document = resource("catalogue-v1.example.json")
                .replace(
                        "\"expressionSystems\": [\"HEK293\"], \"gmp\": true,",
                        "\"expressionSystems\": [\"HEK293\"], \"gmp\": true,"
                                + " \"technologies\": [\"PAT_ONLINE_CONTROL\", \"TELEPORTATION\"],");

        Report report = importText(document, false);

        assertThat(report.errors())
                .extracting(CatalogueImport.ImportError::pointer)
                .containsExactly("/organisations/0/sites/0/capabilities/0/technologies/1");
        assertThat(count("organisation")).isZero();
        assertThat(count("capability")).isZero();
    }

    @Test
    void csvCellsASpreadsheetWouldReadAsAFormulaAreNeutralised() throws Exception {
        importText(resource("catalogue-v1.example.json"), false);
        jdbc.sql("update organisation set name = '@SUM(1+1)', version = version + 1 where id ="
                        + " (select organisation_id from catalogue_profile where catalogue_key = 'exemple-biologics')")
                .update();
        jdbc.sql("update site set name = E'\\t=HYPERLINK(''http://x'')', city = E'\\r-cmd', street = null,"
                        + " version = version + 1")
                .update();

        String csv = mvc.perform(get("/catalogue/export.csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        String row = csv.substring(csv.indexOf("\r\n") + 2);
        assertThat(row).startsWith("exemple-biologics,'@SUM(1+1),CDMO,");
        assertThat(row).contains(",'\t=HYPERLINK('http://x'),\"'\r-cmd\",");
        assertThat(csv).doesNotContain(",\t=").doesNotContain(",@").doesNotContain("\"\r-");
    }

    @Test
    void commandLineImportsAFileAndAnswersAnExitCode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        CatalogueImportCommand command = new CatalogueImportCommand(catalogueImport, null, null);
        java.nio.file.Path good = dir.resolve("good.json");
        java.nio.file.Files.writeString(good, resource("catalogue-v1.example.json"));
        java.nio.file.Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, resource("catalogue-v1.three-errors.json"));

        assertThat(command.importFile(good, true)).isZero();
        assertThat(count("site")).isZero();
        assertThat(command.importFile(bad, false)).isOne();
        assertThat(command.importFile(dir.resolve("missing.json"), false)).isOne();
        assertThat(command.importFile(good, false)).isZero();
        assertThat(count("site")).isOne();
    }

    @Test
    void adminsImportAFileFromTheBackOffice() throws Exception {
        long admin = jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', 'catalogue-admin', 'Admin', 'admin@example.org',
                                current_timestamp, current_timestamp)
                        on conflict (issuer, subject) do update set name = excluded.name
                        returning id
                        """).query(Long.class).single();
        jdbc.sql("insert into person_role (person_id, role) values (:p, 'ADMIN') on conflict do nothing")
                .param("p", admin)
                .update();
        var session = signedInAdmin(admin);
        byte[] example = resource("catalogue-v1.example.json").getBytes(StandardCharsets.UTF_8);

        mvc.perform(get("/admin/catalogue/import").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("catalogue-file")));
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                                        "/admin/catalogue/import")
                                .file(new org.springframework.mock.web.MockMultipartFile(
                                        "file", "example.json", "application/json", example))
                                .param("dryRun", "true")
                                .session(session)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("exemple-evry")));
        assertThat(count("site")).isZero();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                                "/admin/catalogue/import")
                        .file(new org.springframework.mock.web.MockMultipartFile(
                                "file",
                                "bad.json",
                                "application/json",
                                resource("catalogue-v1.three-errors.json").getBytes(StandardCharsets.UTF_8)))
                        .session(session)
                        .with(
                                org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString("/organisations/0/sites/0/availability/0/to")));
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                                        "/admin/catalogue/import")
                                .file(new org.springframework.mock.web.MockMultipartFile(
                                        "file", "example.json", "application/json", example))
                                .session(session)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isOk());
        assertThat(count("site")).isOne();
        assertThat(count("audit_entry where action = 'catalogue.imported' and actor_person_id = " + admin))
                .isOne();
    }

    private static org.springframework.mock.web.MockHttpSession signedInAdmin(long personId) {
        var idToken = org.springframework.security.oauth2.core.oidc.OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("catalogue-admin")
                .claim("name", "Admin")
                .build();
        var user = new fr.guichetbio.portal.identity.PortalUser(
                new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(java.util.List.of(), idToken),
                personId,
                "Admin",
                java.util.EnumSet.of(fr.guichetbio.portal.identity.PlatformRole.ADMIN));
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                new org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken(
                        user, user.getAuthorities(), "guichet"));
        var session = new org.springframework.mock.web.MockHttpSession();
        session.setAttribute(
                org.springframework.security.web.context.HttpSessionSecurityContextRepository
                        .SPRING_SECURITY_CONTEXT_KEY,
                context);
        return session;
    }

    private JsonNode withoutGeneratedAt(String document) {
        tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode) json.readTree(document);
        node.remove("generatedAt");
        return node;
    }

    private static String organisationOf(String document) {
        int start = document.indexOf("\"organisations\":[") + "\"organisations\":[".length();
        return document.substring(start, document.lastIndexOf(']'));
    }

    private Report importText(String document, boolean dryRun) {
        return catalogueImport.importDocument(document, Options.system(dryRun), Locale.ENGLISH);
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }

    private static String resource(String name) throws IOException {
        return new ClassPathResource("catalogue/" + name).getContentAsString(StandardCharsets.UTF_8);
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

    private String token(long organisation, String scopes) throws Exception {
        return TestApiClients.token(mvc, jdbc, organisation, scopes);
    }
}
