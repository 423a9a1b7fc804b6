package fr.guichetbio.portal.learning.web;

import static fr.guichetbio.portal.support.TestPeople.person;
import static fr.guichetbio.portal.support.TestPeople.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.Certificates;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.Courses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The printed certificate and the transcript on a throwaway database: the holder's PDF (its text, its QR code read
 * back from the rendered page, its embedded fonts), refused to anyone else; the transcript as page, PDF and JSON; a
 * share link opened without an account, that someone else cannot revoke, that stops at once when its holder revokes
 * it, and that goes with the account.
 */
@SpringBootTest(
        properties = {
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.public-base-url=https://guichet.example"
        })
@AutoConfigureMockMvc
class LearningDocumentsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Courses courses;

    @Autowired
    Certificates certificates;

    private String run;
    private String title;
    private long holder;
    private long other;
    private Certificate certificate;

    /** An English course the holder completed with 90 %, and its certificate. */
    @BeforeEach
    void aCompletedCourseAndItsCertificate() {
        run = UUID.randomUUID().toString().substring(0, 8);
        title = "Aseptic processing basics " + run;
        long provider = jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :slug, 'TRAINING_PROVIDER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """)
                .param("slug", "organisme-" + run)
                .query(Long.class)
                .single();
        long version = courses.draft(
                provider,
                1,
                0,
                new CourseContent(
                        "aseptic-" + run,
                        "en",
                        CourseContent.Level.INTRODUCTORY,
                        title,
                        "A short course for the tests.",
                        60,
                        List.of(),
                        List.of("Gown for grade A"),
                        List.of(new CourseContent.Module(
                                "Only module",
                                List.of(new CourseContent.Lesson("gowning", "Gowning", "Text.", null))))));
        courses.publishDraft(version, Instant.now());
        holder = person(jdbc, "Camille Lefèvre " + run, "camille-" + run + "@example.org", PlatformRole.TRAINEE);
        other = person(jdbc, "Dominique Martin " + run, "dominique-" + run + "@example.org", PlatformRole.TRAINEE);
        jdbc.sql("""
                        insert into enrolment (person_id, course_id, course_version_id, completed_at)
                        select :person, course_id, id, now() from course_version where id = :version
                        """).param("person", holder).param("version", version).update();
        jdbc.sql("""
                        insert into quiz_attempt (id, person_id, course_version_id, number, started_at, drawn, token,
                                                  submitted_at, correct, total, passed, outcomes)
                        values (:id, :person, :version, 1, now(), '[]', 't', now(), 9, 10, true, '[]')
                        """)
                .param("id", UUID.randomUUID())
                .param("person", holder)
                .param("version", version)
                .update();
        certificate = certificates.issue(holder, "Camille Lefèvre " + run, version, 90, false);
    }

    @Test
    void theHolderDownloadsTheCertificateItsQrCodeLeadsToTheVerificationPageAndItsFontsAreEmbedded() throws Exception {
        String page = page(get("/formation/certificats").with(signedIn(jdbc, holder)), 200);
        String pdfPath = "/formation/certificats/" + certificate.id() + ".pdf";
        assertThat(page).contains("href=\"" + pdfPath + "\"", "href=\"/formation/releve\"");

        MockHttpServletResponse response = mvc.perform(get(pdfPath).with(signedIn(jdbc, holder)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment");
        try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            // In the course's language (English), whatever the reader's.
            assertThat(text)
                    .contains("Training certificate", "Camille Lefèvre " + run, title, certificate.id())
                    .contains("Version 1.0", "90 %");
            assertThat(pdf.getDocumentInformation().getTitle()).contains(title);

            assertThat(PrintedCertificate.qrCodeOn(pdf))
                    .isEqualTo("https://guichet.example/verifier/" + certificate.id());

            List<PDFont> fonts = fonts(pdf);
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("LiberationSans");
            });
            // Declared PDF/A-2u (XMP) and tagged for assistive technologies.
            assertThat(new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), "UTF-8"))
                    .contains("pdfaid:part", "pdfaid:conformance");
            assertThat(pdf.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.STRUCT_TREE_ROOT))
                    .isNotNull();
        }
    }

    @Test
    void nobodyButTheHolderGetsTheCertificatePdf() throws Exception {
        String pdfPath = "/formation/certificats/" + certificate.id() + ".pdf";
        page(get(pdfPath).with(signedIn(jdbc, other)), 404);
        page(get("/formation/certificats/aaaaaaaaaaaaaaaaaaaaaaaaaa.pdf").with(signedIn(jdbc, holder)), 404);
        mvc.perform(get(pdfPath)).andExpect(status().is3xxRedirection());
    }

    @Test
    void theTranscriptIsAPageAPdfAndJson() throws Exception {
        String page = page(get("/formation/releve").with(signedIn(jdbc, holder)), 200);
        assertThat(page).contains(title, "90 %", "/verifier/" + certificate.id(), "data-status=\"VALID\"");
        assertThat(page(get("/formation/mes-formations").with(signedIn(jdbc, holder)), 200))
                .contains("href=\"/formation/releve\"");

        String json = page(get("/formation/releve.json").with(signedIn(jdbc, holder)), 200);
        assertThat(json)
                .contains("\"holder\":\"Camille Lefèvre " + run + "\"", "\"score\":90", "\"status\":\"VALID\"")
                .contains("\"verificationUrl\":\"https://guichet.example/verifier/" + certificate.id() + "\"")
                .doesNotContain("@example.org", "personId", "\"" + holder + "\"");

        byte[] pdf = mvc.perform(get("/formation/releve.pdf").with(signedIn(jdbc, holder)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(text(pdf)).contains("Relevé de formation", "Camille Lefèvre " + run, title, "90 %");
        // The page's fragment, printed: the certificate's verification address as text (a narrow column may wrap it).
        assertThat(text(pdf).replaceAll("\\s", "")).contains("https://guichet.example/verifier/" + certificate.id());

        assertThat(page(get("/formation/releve").with(signedIn(jdbc, other)), 200))
                .doesNotContain(title)
                .contains("id=\"transcript-courses-empty\"");
    }

    @Test
    void aShareLinkOpensWithoutAnAccountOthersCannotRevokeItAndItStopsAtOnceWhenRevoked() throws Exception {
        mvc.perform(post("/formation/releve/partages")
                        .with(signedIn(jdbc, holder))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String token = shareOf(holder);
        assertThat(token).hasSize(43);
        assertThat(page(get("/formation/releve").with(signedIn(jdbc, holder)), 200))
                .contains("https://guichet.example/releve/" + token);

        String shared = page(get("/releve/" + token), 200);
        assertThat(shared)
                .contains("Camille Lefèvre " + run, title, "90 %", "data-status=\"VALID\"")
                .doesNotContain("@example.org");
        assertThat(page(get("/releve/" + token + ".json"), 200)).contains(certificate.id());
        assertThat(text(mvc.perform(get("/releve/" + token + ".pdf"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray()))
                .contains(title);

        // Someone else cannot revoke it: 404, and the link still works.
        page(revoke(token).with(signedIn(jdbc, other)), 404);
        page(get("/releve/" + token), 200);

        mvc.perform(revoke(token).with(signedIn(jdbc, holder))).andExpect(status().is3xxRedirection());
        page(get("/releve/" + token), 404);
        page(get("/releve/" + token + ".json"), 404);
        page(get("/releve/" + token + ".pdf"), 404);
        page(revoke(token).with(signedIn(jdbc, holder)), 404);
        page(get("/releve/not-a-token"), 404);
    }

    @Test
    void shareLinksGoWithTheAccount() throws Exception {
        mvc.perform(post("/formation/releve/partages")
                        .with(signedIn(jdbc, holder))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String token = shareOf(holder);
        mvc.perform(post("/compte/suppression")
                        .with(signedIn(jdbc, holder))
                        .with(csrf())
                        .param("confirm", "true"))
                .andExpect(status().is3xxRedirection());
        page(get("/releve/" + token), 404);
    }

    private MockHttpServletRequestBuilder revoke(String token) {
        return post("/formation/releve/partages/" + token + "/revocation").with(csrf());
    }

    private String shareOf(long person) {
        return jdbc.sql("select token from transcript_share where person_id = :person")
                .param("person", person)
                .query(String.class)
                .single();
    }

    private String page(MockHttpServletRequestBuilder request, int expected) throws Exception {
        return mvc.perform(request)
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<PDFont> fonts(PDDocument pdf) throws Exception {
        List<PDFont> fonts = new ArrayList<>();
        for (PDPage page : pdf.getPages()) {
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
        }
        return fonts;
    }
}
