package fr.guichetbio.portal.catalogue.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestApiClients;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The limits of catalogue imports from the web (small ones here): document size (413), sites per document (422),
 * imports in progress per organisation (429) and in total (503), on the API and the pages; and uploads from people
 * not signed in refused before their body is read, on a real server.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.catalogue.import-limits.max-document-size=20KB",
            "guichet.catalogue.import-limits.max-sites=2",
            "guichet.catalogue.import-limits.max-jobs-per-organisation=1",
            "guichet.catalogue.import-limits.max-jobs=2"
        })
@AutoConfigureMockMvc
class CatalogueImportLimitsTest {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CatalogueImport catalogueImport;

    @LocalServerPort
    int port;

    long organisation;
    String token;

    @BeforeEach
    void fixture() throws Exception {
        jdbc.sql("delete from catalogue_import_job").update();
        String n = UUID.randomUUID().toString().substring(0, 8);
        organisation =
                jdbc.sql("""
                        insert into organisation (slug, name, kind, status) values (:slug, :slug, 'MANUFACTURER', 'ACTIVE')
                        returning id
                        """).param("slug", "limits-" + n).query(Long.class).single();
        token = token(organisation);
    }

    @Test
    void anApiBodyLargerThanTheLimitIsRefusedWith413() throws Exception {
        String large = "{\"format\":\"catalogue/v1\",\"organisations\":[],\"x\":\"" + "a".repeat(25_000) + "\"}";
        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(large))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.maxBytes").value(20 * 1024));
        assertThat(count("catalogue_import_job")).as("refused before any job").isZero();

        // A body without a (truthful) length is cut off at the limit while it is read.
        assertThatThrownBy(() -> catalogueImport.read(
                        new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8)), 20 * 1024, 10, Locale.FRENCH))
                .isInstanceOf(CatalogueImport.DocumentTooLarge.class);
    }

    @Test
    void aDocumentWithMoreSitesThanTheLimitIsRefusedWith422() throws Exception {
        String three = "{\"format\":\"catalogue/v1\",\"organisations\":[{\"key\":\"limits\",\"sites\":[{},{},{}]}]}";
        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(three))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].pointer").value("/organisations"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("Le document décrit 3 sites ; un import en accepte 2 au plus : découpez-le."));
        assertThat(count("site")).isZero();
    }

    @Test
    void importsBeyondThoseInProgressAreRefusedWith429ThenWith503() throws Exception {
        String example = resource("catalogue-v1.example.json");
        job(organisation);
        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(example))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail")
                        .value("Un import du catalogue de cette organisation est déjà en cours : attendez sa fin"
                                + " avant d’en lancer un autre."));
        assertThat(count("site")).isZero();

        // A job that stopped moving (its portal died) no longer counts.
        jdbc.sql("update catalogue_import_job set updated_at = current_timestamp - interval '1 hour'")
                .update();
        mvc.perform(post("/api/catalogue/import")
                        .param("dryRun", "true")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(example))
                .andExpect(status().isOk());
        assertThat(count("catalogue_import_job where organisation_id = " + organisation + " and phase = 'DONE'"))
                .as("the API's import is a job too, done")
                .isOne();

        // Two imports of other organisations in progress: the portal is full.
        job(null);
        job(jdbc.sql("insert into organisation (slug, name, kind, status) values (:s, :s, 'MANUFACTURER', 'ACTIVE')"
                        + " returning id")
                .param("s", "other-" + organisation)
                .query(Long.class)
                .single());
        mvc.perform(post("/api/catalogue/import")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(example))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(jsonPath("$.detail")
                        .value("Trop d’imports de catalogue sont en cours sur le portail : réessayez dans quelques"
                                + " minutes."));
        assertThat(count("site")).isZero();
    }

    @Test
    void theImportPagesSayWhichLimitRefusedTheFile() throws Exception {
        long admin = TestPeople.person(
                jdbc, "Admin limites", "admin-" + organisation + "@guichet.example", PlatformRole.ADMIN);
        byte[] large = ("{\"x\":\"" + "a".repeat(25_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String page = mvc.perform(multipart("/admin/catalogue/import")
                        .file(new MockMultipartFile("file", "large.json", "application/json", large))
                        .with(TestPeople.signedIn(jdbc, admin))
                        .with(csrf()))
                .andExpect(status().isContentTooLarge())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(page).getElementById("catalogue-file-error").text())
                .isEqualTo("Le fichier dépasse la taille maximale d’un import (1 Mo) : découpez-le.");
        assertThat(Jsoup.parse(page).getElementById("catalogue-file-hint").text())
                .isEqualTo("Un seul fichier .json ; taille maximale 1 Mo, 2 sites au plus.");

        job(null);
        byte[] example = resource("catalogue-v1.example.json").getBytes(StandardCharsets.UTF_8);
        String busy = mvc.perform(multipart("/admin/catalogue/import")
                        .file(new MockMultipartFile("file", "example.json", "application/json", example))
                        .with(TestPeople.signedIn(jdbc, admin))
                        .with(csrf()))
                .andExpect(status().isTooManyRequests())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(busy).getElementById("catalogue-file-error").text())
                .startsWith("Un import du catalogue de cette organisation est déjà en cours");
        assertThat(count("site")).isZero();
    }

    /**
     * An upload from someone not signed in, announcing 60 MB and sending only its first part: answered at once with
     * a redirect to the sign-in, without the container waiting for (and parsing) the rest of the body.
     */
    @Test
    void anAnonymousUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        for (String path : new String[] {"/admin/catalogue/import", "/organisations/limits/catalogue/import"}) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                String start = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nnope\r\n"
                        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.json\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + "a".repeat(1024);
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: multipart/form-data; boundary=XyZ\r\n"
                                + "Content-Length: 60000000\r\n\r\n" + start)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = head(socket.getInputStream());
                assertThat(head).as(path).startsWith("HTTP/1.1 302");
                assertThat(head).as(path).containsIgnoringCase("Location: http://localhost/oauth2/authorization/");
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    /** An import in progress, as a running job's row is. */
    private void job(Long organisationId) {
        jdbc.sql("insert into catalogue_import_job (organisation_id, dry_run, phase) values (:o, false, 'WRITING')")
                .param("o", organisationId, java.sql.Types.BIGINT)
                .update();
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }

    private static String resource(String name) throws IOException {
        return new ClassPathResource("catalogue/" + name).getContentAsString(StandardCharsets.UTF_8);
    }

    private String token(long organisationId) throws Exception {
        return TestApiClients.token(mvc, jdbc, organisationId, "catalogue:read catalogue:write");
    }
}
