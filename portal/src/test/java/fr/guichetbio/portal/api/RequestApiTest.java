package fr.guichetbio.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.support.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/demandes} for sponsors' and manufacturers' systems, with real tokens from the portal's token endpoint:
 * the manufacturer's client lists and reads the request without the anonymous sponsor's organisation, replies
 * interested (a reply without its slot is a 400 with the field), and a client of a third organisation gets 404.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class RequestApiTest {

    private static final String SECRET = "request-api-test-secret";
    private static final String SECRET_HASH =
            PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(SECRET);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private String sponsorName;
    private long request;
    private String manufacturerClient;
    private String thirdClient;
    private long attachment;
    private static final byte[] PDF = "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @BeforeEach
    void anAnonymousRequestAndThreeClients() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long person =
                jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :s, :s, :s || '@example.org', now(), now()) returning id
                        """).param("s", "api-person-" + run).query(Long.class).single();
        sponsorName = "Sponsor caché " + run;
        long sponsor = organisation("api-sponsor-" + run, sponsorName, "SPONSOR");
        long manufacturer = organisation("api-maker-" + run, "Façonnier API " + run, "MANUFACTURER");
        long third = organisation("api-third-" + run, "Tiers " + run, "MANUFACTURER");
        long brief = jdbc.sql("""
                        insert into brief (organisation_id, created_by, title, modality, status)
                        values (:o, :p, 'Brief API', 'AAV', 'OPEN') returning id
                        """)
                .param("o", sponsor)
                .param("p", person)
                .query(Long.class)
                .single();
        request = jdbc.sql("""
                        insert into match_request (brief_id, sponsor_organisation_id, manufacturer_organisation_id,
                            site_key, site_name, brief_snapshot, revealed, sent_by)
                        values (:b, :s, :m, 'api-site', 'Site API', '{"title":"Brief API","modality":"AAV"}', false, :p)
                        returning id
                        """)
                .param("b", brief)
                .param("s", sponsor)
                .param("m", manufacturer)
                .param("p", person)
                .query(Long.class)
                .single();
        // The sponsor's first message with a PDF, as the pages store it for an anonymous sponsor.
        attachment = jdbc.sql("""
                        with message as (
                            insert into match_message (request_id, side, author_person_id, kind, body)
                            values (:r, 'SPONSOR', :p, 'SENT', 'Bonjour') returning id)
                        insert into match_attachment (request_id, message_id, side, file_name, size_bytes, sha256,
                            content, uploaded_by)
                        select :r, id, 'SPONSOR', 'piece-jointe-1.pdf', length(:content), repeat('0', 64), :content, :p
                        from message returning id
                        """)
                .param("r", request)
                .param("p", person)
                .param("content", PDF)
                .query(Long.class)
                .single();
        manufacturerClient = client("gb_api_m_" + run, manufacturer, person);
        thirdClient = client("gb_api_t_" + run, third, person);
    }

    private long organisation(String slug, String name, String kind) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :name, :kind, 'https://x.example', 'x.example', 'ACTIVE') returning id
                        """)
                .param("slug", slug)
                .param("name", name)
                .param("kind", kind)
                .query(Long.class)
                .single();
    }

    /** A client created by an admin of its organisation (a client whose creator left it cannot get tokens). */
    private String client(String clientId, long organisation, long by) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, 'ADMIN')")
                .param("o", organisation)
                .param("p", by)
                .update();
        jdbc.sql("""
                        insert into api_client (client_id, secret_hash, organisation_id, name, scopes, created_by)
                        values (:id, :hash, :o, :id, 'requests:read requests:write', :by)
                        """)
                .param("id", clientId)
                .param("hash", SECRET_HASH)
                .param("o", organisation)
                .param("by", by)
                .update();
        return clientId;
    }

    private String token(String clientId) throws Exception {
        return JSON.readTree(mvc.perform(post("/api/oauth/token")
                                .with(httpBasic(clientId, SECRET))
                                .param("grant_type", "client_credentials"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("access_token")
                .asString();
    }

    private JsonNode getJson(String url, String token, int expected) throws Exception {
        return JSON.readTree(mvc.perform(get(url).header("Authorization", "Bearer " + token))
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void theManufacturersSystemReadsAndAnswersWithoutLearningWhoTheSponsorIs() throws Exception {
        String token = token(manufacturerClient);

        JsonNode list = getJson("/api/demandes", token, 200);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("side").asString()).isEqualTo("MANUFACTURER");
        assertThat(list.get(0).has("sponsorOrganisation")).isTrue();
        assertThat(list.get(0).path("sponsorOrganisation").isNull()).isTrue();
        assertThat(list.toString()).doesNotContain(sponsorName, "api-sponsor-");

        String refused = mvc.perform(post("/api/demandes/" + request + "/messages")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"INTERESTED\",\"body\":\"Oui\"}"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(JSON.readTree(refused).path("errors").get(0).path("field").asString())
                .isEqualTo("slotQuarter");

        JsonNode answered = JSON.readTree(mvc.perform(post("/api/demandes/" + request + "/messages")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"INTERESTED\",\"body\":\"Oui\",\"slotQuarter\":\"2027-T3\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(answered.path("status").asString()).isEqualTo("ANSWERED");
        assertThat(answered.path("messages").get(1).path("slotQuarter").asString())
                .isEqualTo("2027-Q3");
        assertThat(answered.toString()).doesNotContain(sponsorName);
        JsonNode file = answered.path("messages").get(0).path("attachments").get(0);
        assertThat(file.path("fileName").asString()).isEqualTo("piece-jointe-1.pdf");
        String href = file.path("href").asString();
        assertThat(href).isEqualTo("/api/demandes/" + request + "/pieces-jointes/" + attachment);
        assertThat(mvc.perform(get(href).header("Authorization", "Bearer " + token))
                        .andExpect(status().isOk())
                        .andExpect(header().string("Content-Type", "application/pdf"))
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray())
                .isEqualTo(PDF);
        assertThat(jdbc.sql("""
                        select actor_client_id from audit_entry
                        where action = 'request.replied' and target_id = :id
                        """)
                        .param("id", Long.toString(request))
                        .query(String.class)
                        .single())
                .isEqualTo(manufacturerClient);
    }

    @Test
    void aThirdOrganisationsClientFindsNothing() throws Exception {
        String token = token(thirdClient);

        assertThat(getJson("/api/demandes", token, 200)).isEmpty();
        getJson("/api/demandes/" + request, token, 404);
        getJson("/api/demandes/" + request + "/pieces-jointes/" + attachment, token, 404);
        mvc.perform(post("/api/demandes/" + request + "/messages")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"MESSAGE\",\"body\":\"Intrusion\"}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from match_message where request_id = :r")
                        .param("r", request)
                        .query(Long.class)
                        .single())
                .isOne();
    }
}
