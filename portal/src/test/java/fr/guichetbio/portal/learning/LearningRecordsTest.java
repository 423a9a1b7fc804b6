package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestCourses;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import fr.guichetbio.portal.support.TestPeople;
import fr.guichetbio.training.CourseCompleted;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.QuizGraded;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.certification.Certificates;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.enrolment.LearnerRecords;
import fr.guichetbio.training.record.LrsForwarder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Learning records end to end on a throwaway database: an enrolment (through the page), a failed quiz, a completion
 * (which issues a certificate) and a revocation each leave one xAPI statement after commit — a replayed event none
 * more —; the learner downloads them as JSON and finds them in their data export; a local HTTP server acting as the
 * LRS first fails (the statements wait, marked with the error), then stores them, with the xAPI version header and
 * the configured credentials; a statement refused {@code max-attempts} times is kept with its error and no longer
 * sent; erasing the account erases them.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.training.records-home-page=https://guichet.example",
            "guichet.training.lrs.username=cle-lrs",
            "guichet.training.lrs.password=secret-lrs",
            // The test forwards by hand; a retry is due at once.
            "guichet.training.lrs.interval=1h",
            "guichet.training.lrs.first-retry=0s",
            "guichet.training.lrs.max-attempts=2"
        })
@AutoConfigureMockMvc
class LearningRecordsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The LRS: answers 503 while {@link #failures} is positive (counting down), then 200; keeps what it was sent. */
    private static final HttpServer LRS;

    private static final AtomicInteger failures = new AtomicInteger();
    private static final List<String> bodies = new CopyOnWriteArrayList<>();
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();
    private static final List<String> versions = new CopyOnWriteArrayList<>();

    static {
        try {
            LRS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        LRS.createContext("/xapi/statements", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            versions.add(exchange.getRequestHeaders().getFirst("X-Experience-API-Version"));
            int status = failures.getAndDecrement() > 0 ? 503 : 200;
            byte[] answer = (status == 200 ? "[]" : "unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        LRS.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add(
                "guichet.training.lrs.endpoint",
                () -> "http://127.0.0.1:" + LRS.getAddress().getPort() + "/xapi");
    }

    @AfterAll
    static void stopTheLrs() {
        LRS.stop(0);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Courses courses;

    @Autowired
    QuestionBanks banks;

    @Autowired
    Certificates certificates;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    LrsForwarder forwarder;

    @Autowired
    LearningData learningData;

    @Autowired
    LearnerRecords learnerRecords;

    @Test
    void learningEventsBecomeStatementsThatAreExportedForwardedAndErased() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String code = "xapi-" + run;
        long provider = jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :slug, 'TRAINING_PROVIDER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """)
                .param("slug", "organisme-" + run)
                .query(Long.class)
                .single();
        long version = TestCourses.publishOneLessonCourse(courses, banks, provider, code);
        long learner = TestPeople.person(jdbc, "Apprenant " + run, "apprenant-" + run + "@example.org");
        long admin = TestPeople.person(jdbc, "Admin " + run, "admin-" + run + "@example.org", PlatformRole.ADMIN);

        mvc.perform(post("/formation/cours/" + code + "/inscription")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, learner)))
                .andExpect(status().is3xxRedirection());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QuizGraded failed = new QuizGraded(UUID.randomUUID(), learner, code, version, 1, 0, 1, 0, false, now);
        publish(failed);
        publish(new CourseCompleted(learner, code, version, 1, 0, 100, now.plusMillis(1)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> certificates.of(learner).size() == 1);
        TestEvents.awaitDelivered(jdbc);
        // The same event again (a replay from the publication registry) writes nothing more.
        publish(failed);
        String certificate = certificates.of(learner).getFirst().id();
        certificates.revoke(
                new Learner(admin, "Admin", Locale.FRENCH, Set.of(Learner.Role.ADMIN), List.of()),
                certificate,
                "Fraude à l’examen");
        TestEvents.awaitDelivered(jdbc);

        JsonNode statements = JSON.readTree(
                mvc.perform(get("/formation/certificats/traces.json").with(TestPeople.signedIn(jdbc, learner)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8));
        List<String> verbs = new ArrayList<>();
        statements.forEach(
                statement -> verbs.add(statement.get("verb").get("id").asString()));
        assertThat(verbs)
                .containsExactly(
                        "http://adlnet.gov/expapi/verbs/registered",
                        "http://adlnet.gov/expapi/verbs/failed",
                        "http://adlnet.gov/expapi/verbs/completed",
                        "http://id.tincanapi.com/verb/earned",
                        "http://adlnet.gov/expapi/verbs/voided");
        JsonNode registered = statements.get(0);
        assertThat(UUID.fromString(registered.get("id").asString())).isNotNull();
        assertThat(registered.get("version").asString()).isEqualTo("1.0.3");
        assertThat(registered.get("actor").get("account").get("homePage").asString())
                .isEqualTo("https://guichet.example");
        assertThat(registered.get("actor").get("account").get("name").asString())
                .isEqualTo(Long.toString(learner));
        assertThat(registered.toString()).doesNotContain("@example.org");
        assertThat(registered.get("object").get("id").asString())
                .isEqualTo("https://guichet.example/formation/cours/" + code);
        JsonNode quiz = statements.get(1);
        assertThat(quiz.get("object").get("id").asString()).endsWith("/formation/cours/" + code + "/quiz");
        assertThat(quiz.get("result").get("score").get("scaled").asDouble()).isZero();
        assertThat(quiz.get("result").get("success").asBoolean()).isFalse();
        assertThat(quiz.get("timestamp").asString()).isEqualTo(now.toString());
        JsonNode completed = statements.get(2);
        assertThat(completed.get("result").get("score").get("scaled").asDouble())
                .isEqualTo(1.0);
        assertThat(completed.get("result").get("completion").asBoolean()).isTrue();
        JsonNode earned = statements.get(3);
        assertThat(earned.get("object").get("id").asString())
                .isEqualTo("https://guichet.example/verifier/" + certificate);
        JsonNode voided = statements.get(4);
        assertThat(voided.get("object").get("objectType").asString()).isEqualTo("StatementRef");
        assertThat(voided.get("object").get("id").asString())
                .isEqualTo(earned.get("id").asString());
        assertThat(voided.get("actor").get("account").get("name").asString()).isEqualTo(Long.toString(admin));
        assertThat(learningData.statements(learner)).hasSize(5);

        // The LRS is down: nothing is marked sent, the error is kept, and the next run tries again.
        failures.set(1);
        assertThat(forwarder.forwardDue()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from learning_statement
                         where forwarded_at is null and forward_attempts = 1 and last_error like 'HTTP 503%'
                        """).query(Long.class).single()).isEqualTo(5);
        assertThat(forwarder.forwardDue()).isEqualTo(5);
        assertThat(bodies).hasSize(2);
        JsonNode received = JSON.readTree(bodies.get(1));
        assertThat(received.size()).isEqualTo(5);
        assertThat(received.get(0).get("id").asString())
                .isEqualTo(registered.get("id").asString());
        assertThat(versions).containsOnly("1.0.3");
        assertThat(authorizations)
                .containsOnly("Basic "
                        + Base64.getEncoder().encodeToString("cle-lrs:secret-lrs".getBytes(StandardCharsets.UTF_8)));
        assertThat(forwarder.forwardDue()).isZero();
        assertThat(bodies).hasSize(2);

        // A statement the LRS refuses max-attempts times stays in the database with its error and is not sent again.
        publish(new QuizGraded(UUID.randomUUID(), learner, code, version, 2, 1, 1, 100, true, now.plusMillis(2)));
        TestEvents.awaitDelivered(jdbc);
        failures.set(2);
        assertThat(forwarder.forwardDue()).isZero();
        assertThat(forwarder.forwardDue()).isZero();
        assertThat(bodies).hasSize(4);
        assertThat(forwarder.forwardDue()).isZero();
        assertThat(bodies).hasSize(4);
        assertThat(jdbc.sql("""
                        select count(*) from learning_statement
                         where person_id = :p and forwarded_at is null and next_attempt_at is null
                           and forward_attempts = 2 and last_error like 'HTTP 503%'
                        """).param("p", learner).query(Long.class).single()).isEqualTo(1);

        transactions.executeWithoutResult(status -> learnerRecords.erase(learner));
        assertThat(learningData.statements(learner)).isEmpty();
    }

    private void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }
}
