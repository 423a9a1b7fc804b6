package fr.guichetbio.portal.learning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.Certificates;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.credential.StatusListBits;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The badge routes on a throwaway database: a certificate's credential verifies against the published keys (public
 * parts only), an unknown one is a 404 problem, the holder's page links the download, and an administrator's
 * revocation shows in the status list at once.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.public-base-url=https://guichet.example"
        })
@AutoConfigureMockMvc
class BadgesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    private long holder;
    private Certificate certificate;

    @BeforeEach
    void aCertificate() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long provider = jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :name, 'TRAINING_PROVIDER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """)
                .param("slug", "organisme-" + run)
                .param("name", "Organisme " + run)
                .query(Long.class)
                .single();
        long version = courses.draft(
                provider,
                1,
                0,
                new CourseContent(
                        "badge-" + run,
                        "fr",
                        CourseContent.Level.INTRODUCTORY,
                        "BPF d'essai " + run,
                        "Un cours court pour les tests.",
                        60,
                        List.of(),
                        List.of("Savoir"),
                        List.of(new CourseContent.Module(
                                "Module", List.of(new CourseContent.Lesson("l", "Leçon", "Texte.", null))))));
        holder = TestPeople.person(jdbc, "Camille Martin", "camille-" + run + "@example.org", PlatformRole.TRAINEE);
        certificate = certificates.issue(holder, "Camille Martin", version, 90, false);
    }

    @Test
    void theCredentialVerifiesAgainstThePublishedKeys() throws Exception {
        MvcResult response = mvc.perform(get("/badges/" + certificate.id()))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(response.getResponse().getContentType()).startsWith("application/json");
        assertThat(response.getResponse().getHeader("Access-Control-Allow-Origin"))
                .isEqualTo("*");
        JsonNode document = JSON.readTree(response.getResponse().getContentAsString());
        assertThat(document.get("mediaType").asString()).isEqualTo("application/vc+jwt");
        assertThat(document.get("credential")
                        .get("credentialSubject")
                        .get("name")
                        .asString())
                .isEqualTo("Camille Martin");

        String keys = mvc.perform(get("/badges/jwks.json"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(keys).doesNotContain("\"d\"");
        JWSObject jws = JWSObject.parse(document.get("jwt").asString());
        ECKey key = (ECKey) JWKSet.parse(keys).getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        Map<String, Object> vc = jws.getPayload().toJSONObject();
        assertThat(vc.get("id")).isEqualTo("https://guichet.example/badges/" + certificate.id());
        assertThat(((Map<?, ?>) vc.get("issuer")).get("id")).isEqualTo("https://guichet.example/badges/issuer");

        String jwtAlone = mvc.perform(get("/badges/" + certificate.id()).accept("application/vc+jwt"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(jwtAlone).isEqualTo(document.get("jwt").asString());

        JsonNode issuer = JSON.readTree(mvc.perform(get("/badges/issuer"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(issuer.get("id").asString()).isEqualTo("https://guichet.example/badges/issuer");
        assertThat(issuer.get("type").get(0).asString()).isEqualTo("Profile");
    }

    @Test
    void anUnknownCertificateIsANotFoundProblem() throws Exception {
        for (String id : List.of("abcdefghijklmnopqrstuvwxyz", "not-an-identifier")) {
            MvcResult response = mvc.perform(get("/badges/" + id))
                    .andExpect(status().isNotFound())
                    .andReturn();
            assertThat(response.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(response.getResponse().getContentAsString()).contains("\"status\":404");
        }
    }

    @Test
    void theHolderDownloadsTheBadgeFromTheirPage() throws Exception {
        String page = mvc.perform(get("/formation/certificats").with(TestPeople.signedIn(jdbc, holder)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("href=\"/badges/" + certificate.id() + "\"");
        assertThat(page).contains("download=\"badge-" + certificate.courseCode() + "-1.0.json\"");
        assertThat(page).contains("Badge numérique (JSON)");
    }

    @Test
    void aRevocationShowsInTheStatusListAtOnce() throws Exception {
        assertThat(revoked(certificate.statusIndex())).isFalse();
        long admin = TestPeople.person(jdbc, "Admin", "admin-" + holder + "@example.org", PlatformRole.ADMIN);

        mvc.perform(post("/admin/formation/certificats/" + certificate.id() + "/revocation")
                        .param("raison", "Fraude à l'évaluation")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, admin)))
                .andExpect(status().is3xxRedirection());

        assertThat(revoked(certificate.statusIndex())).isTrue();
    }

    private boolean revoked(int index) throws Exception {
        MvcResult response =
                mvc.perform(get("/badges/statut/1")).andExpect(status().isOk()).andReturn();
        assertThat(response.getResponse().getContentType()).startsWith("application/vc+jwt");
        Map<String, Object> list = JWSObject.parse(response.getResponse().getContentAsString())
                .getPayload()
                .toJSONObject();
        String encoded = (String) ((Map<?, ?>) list.get("credentialSubject")).get("encodedList");
        return StatusListBits.isSet(StatusListBits.decode(encoded), index);
    }
}
