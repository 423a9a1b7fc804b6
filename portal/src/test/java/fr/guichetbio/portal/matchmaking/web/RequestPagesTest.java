package fr.guichetbio.portal.matchmaking.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPdfs;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A request's exchange through the pages, on a throwaway database: the manufacturer reads it (status read) without
 * ever seeing who the anonymous sponsor is until the sponsor reveals it, answers interested with a slot (a missing
 * slot refused, nothing saved), the sponsor closes it as won; the manufacturer cannot close it, an outsider gets 404
 * everywhere, and the audit trail holds each step. PDF attachments: checked, and the anonymous sponsor's renamed and
 * stripped of its metadata before the manufacturer can download it. Sending from a shortlist needs the index: MatchmakingIT.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class RequestPagesTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private long sponsorMember;
    private long manufacturerMember;
    private long outsider;
    private String sponsorName;
    private String sponsorSlug;
    private long request;

    @BeforeEach
    void anAnonymousRequestFromASponsorToAManufacturer() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        sponsorMember = MatchmakingPeople.person(jdbc, "sponsor-person-" + run);
        manufacturerMember = MatchmakingPeople.person(jdbc, "maker-person-" + run);
        outsider = MatchmakingPeople.person(jdbc, "outsider-" + run);
        sponsorSlug = "secret-biotech-" + run;
        sponsorName = "Biotech Secrète " + run;
        long sponsor = MatchmakingPeople.organisation(jdbc, sponsorSlug, sponsorName, "SPONSOR");
        long manufacturer = MatchmakingPeople.organisation(jdbc, "maker-" + run, "Façonnier " + run, "MANUFACTURER");
        MatchmakingPeople.member(jdbc, sponsor, sponsorMember);
        MatchmakingPeople.member(jdbc, manufacturer, manufacturerMember);
        long brief = jdbc.sql("""
                        insert into brief (organisation_id, created_by, title, modality, status, anonymous)
                        values (:o, :p, 'Anticorps 50 kg', 'MAB', 'OPEN', true) returning id
                        """)
                .param("o", sponsor)
                .param("p", sponsorMember)
                .query(Long.class)
                .single();
        request = jdbc.sql("""
                        insert into match_request (brief_id, sponsor_organisation_id, manufacturer_organisation_id,
                            site_key, site_name, brief_snapshot, revealed, sent_by)
                        values (:brief, :s, :m, 'maker-site', 'Site du façonnier',
                            '{"title":"Anticorps 50 kg","modality":"MAB","litresPerBatch":2000.0,"services":[]}',
                            false, :p)
                        returning id
                        """)
                .param("brief", brief)
                .param("s", sponsor)
                .param("m", manufacturer)
                .param("p", sponsorMember)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into match_message (request_id, side, author_person_id, kind, body)
                        values (:r, 'SPONSOR', :p, 'SENT', 'Bonjour, pouvez-vous produire ce lot ?')
                        """).param("r", request).param("p", sponsorMember).update();
    }

    private String page(String url, long personId, int expected) throws Exception {
        return mvc.perform(get(url).with(MatchmakingPeople.as(personId)))
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String requestStatus() {
        return jdbc.sql("select status from match_request where id = :id")
                .param("id", request)
                .query(String.class)
                .single();
    }

    @Test
    void theManufacturerReadsAndAnswersWithoutLearningWhoTheSponsorIsUntilRevealed() throws Exception {
        String thread = page("/demandes/" + request, manufacturerMember, 200);
        assertThat(requestStatus()).isEqualTo("READ");
        assertThat(thread).contains("Anticorps 50 kg", "Bonjour, pouvez-vous produire ce lot ?", "Sponsor anonyme");
        assertThat(thread).doesNotContain(sponsorName, sponsorSlug, "sponsor-person-");
        String inbox = page("/organisations/" + manufacturerSlug() + "/demandes-recues", manufacturerMember, 200);
        assertThat(inbox).contains("Anticorps 50 kg").doesNotContain(sponsorName, sponsorSlug);

        // Interested without a slot: refused next to the field, nothing saved.
        String refused = mvc.perform(post("/demandes/" + request + "/messages")
                        .with(MatchmakingPeople.as(manufacturerMember))
                        .with(csrf())
                        .param("kind", "INTERESTED")
                        .param("body", "Oui"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("slotQuarter-error").doesNotContain(sponsorName);
        assertThat(requestStatus()).isEqualTo("READ");

        mvc.perform(post("/demandes/" + request + "/messages")
                        .with(MatchmakingPeople.as(manufacturerMember))
                        .with(csrf())
                        .param("kind", "INTERESTED")
                        .param("body", "Nous avons de la place.")
                        .param("slotQuarter", "2027-T2")
                        .param("timeline", "Transfert 3 mois, lots cliniques ensuite"))
                .andExpect(status().is3xxRedirection());
        assertThat(requestStatus()).isEqualTo("ANSWERED");
        assertThat(page("/demandes/" + request, sponsorMember, 200))
                .contains("Nous avons de la place.", "2027-Q2", "Transfert 3 mois");

        mvc.perform(post("/demandes/" + request + "/reveler")
                        .with(MatchmakingPeople.as(sponsorMember))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(page("/demandes/" + request, manufacturerMember, 200)).contains(sponsorName);
    }

    @Test
    void theSponsorClosesTheRequestAndOnlyTheSponsorMay() throws Exception {
        mvc.perform(post("/demandes/" + request + "/clore")
                        .with(MatchmakingPeople.as(manufacturerMember))
                        .with(csrf())
                        .param("outcome", "LOST"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/demandes/" + request + "/clore")
                        .with(MatchmakingPeople.as(sponsorMember))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        assertThat(requestStatus()).isEqualTo("SENT");

        mvc.perform(post("/demandes/" + request + "/clore")
                        .with(MatchmakingPeople.as(sponsorMember))
                        .with(csrf())
                        .param("outcome", "WON"))
                .andExpect(status().is3xxRedirection());
        assertThat(requestStatus()).isEqualTo("WON");
        // Closed: no more replies.
        mvc.perform(post("/demandes/" + request + "/messages")
                        .with(MatchmakingPeople.as(manufacturerMember))
                        .with(csrf())
                        .param("kind", "MESSAGE")
                        .param("body", "Encore une question"))
                .andExpect(status().isUnprocessableContent());
        assertThat(jdbc.sql("""
                        select string_agg(action, ',' order by id) from audit_entry
                        where target_type = 'match_request' and target_id = :id
                        """)
                        .param("id", Long.toString(request))
                        .query(String.class)
                        .single())
                .isEqualTo("request.closed");
    }

    @Test
    void anAnonymousSponsorsAttachmentNamesNobodyAndOnlyTheTwoSidesGetIt() throws Exception {
        // Not a PDF: refused next to the field, nothing saved (neither the message nor the file).
        String refused = mvc.perform(multipart("/demandes/" + request + "/messages")
                        .file(new MockMultipartFile(
                                "attachment", "nda.pdf", "application/pdf", "<html></html>".getBytes(UTF_8)))
                        .with(MatchmakingPeople.as(sponsorMember))
                        .with(csrf())
                        .param("kind", "MESSAGE")
                        .param("body", "Voici notre accord de confidentialité."))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("attachment-error", "n’est pas un PDF");
        assertThat(count("match_message")).isOne();
        assertThat(count("match_attachment")).isZero();

        mvc.perform(multipart("/demandes/" + request + "/messages")
                        .file(new MockMultipartFile(
                                "attachment",
                                "NDA " + sponsorName + ".pdf",
                                "application/pdf",
                                TestPdfs.naming(sponsorName)))
                        .with(MatchmakingPeople.as(sponsorMember))
                        .with(csrf())
                        .param("kind", "MESSAGE")
                        .param("body", "Voici notre accord de confidentialité."))
                .andExpect(status().is3xxRedirection());
        long attachment = jdbc.sql("select id from match_attachment where request_id = :r")
                .param("r", request)
                .query(Long.class)
                .single();

        // The manufacturer sees a neutral name and downloads a file without the sponsor's name in its metadata.
        String thread = page("/demandes/" + request, manufacturerMember, 200);
        assertThat(thread)
                .contains("piece-jointe-1.pdf", "/demandes/" + request + "/pieces-jointes/" + attachment)
                .doesNotContain(sponsorName, sponsorSlug, "NDA Biotech");
        MockHttpServletResponse download = mvc.perform(get("/demandes/" + request + "/pieces-jointes/" + attachment)
                        .with(MatchmakingPeople.as(manufacturerMember)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(download.getContentType()).isEqualTo("application/pdf");
        assertThat(download.getHeader("Content-Disposition"))
                .startsWith("attachment; filename=\"piece-jointe-1.pdf\";");
        try (PDDocument pdf = Loader.loadPDF(download.getContentAsByteArray())) {
            assertThat(pdf.getDocumentInformation().getAuthor()).isNull();
            assertThat(pdf.getDocumentInformation().getTitle()).isNull();
            assertThat(pdf.getDocumentCatalog().getMetadata()).isNull();
        }

        // The manufacturer's own file keeps its name; the sponsor downloads it; nobody else gets either.
        mvc.perform(multipart("/demandes/" + request + "/messages")
                        .file(new MockMultipartFile(
                                "attachment", "Offre indicative.pdf", "application/pdf", TestPdfs.naming("Façonnier")))
                        .with(MatchmakingPeople.as(manufacturerMember))
                        .with(csrf())
                        .param("kind", "QUESTION")
                        .param("body", "Quel est le titre attendu ?"))
                .andExpect(status().is3xxRedirection());
        assertThat(page("/demandes/" + request, sponsorMember, 200))
                .contains("Offre indicative.pdf", "piece-jointe-1.pdf");
        for (long id : jdbc.sql("select id from match_attachment where request_id = :r")
                .param("r", request)
                .query(Long.class)
                .list()) {
            mvc.perform(get("/demandes/" + request + "/pieces-jointes/" + id).with(MatchmakingPeople.as(sponsorMember)))
                    .andExpect(status().isOk());
            page("/demandes/" + request + "/pieces-jointes/" + id, outsider, 404);
        }
        assertThat(jdbc.sql("""
                        select after_state::text from audit_entry
                        where target_type = 'match_request' and target_id = :id and action = 'request.replied'
                        order by id limit 1
                        """)
                        .param("id", Long.toString(request))
                        .query(String.class)
                        .single())
                .contains("piece-jointe-1.pdf", "sha256");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table + " where request_id = :r")
                .param("r", request)
                .query(Long.class)
                .single();
    }

    @Test
    void someoneOfNeitherOrganisationGetsNotFoundEverywhere() throws Exception {
        page("/demandes/" + request, outsider, 404);
        for (String action : List.of("/messages", "/reveler", "/clore")) {
            mvc.perform(post("/demandes/" + request + action)
                            .with(MatchmakingPeople.as(outsider))
                            .with(csrf())
                            .param("kind", "MESSAGE")
                            .param("body", "Intrusion")
                            .param("outcome", "WON"))
                    .andExpect(status().isNotFound());
        }
        assertThat(requestStatus()).isEqualTo("SENT");
        assertThat(jdbc.sql("select count(*) from match_message where request_id = :r")
                        .param("r", request)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    private String manufacturerSlug() {
        return jdbc.sql("""
                        select o.slug from match_request r join organisation o on o.id = r.manufacturer_organisation_id
                        where r.id = :id
                        """).param("id", request).query(String.class).single();
    }
}
