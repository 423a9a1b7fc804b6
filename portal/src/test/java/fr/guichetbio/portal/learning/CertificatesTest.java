package fr.guichetbio.portal.learning;

import static fr.guichetbio.portal.support.TestPeople.person;
import static fr.guichetbio.portal.support.TestPeople.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import fr.guichetbio.training.CourseCompleted;
import fr.guichetbio.training.CourseVersionPublished;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.CertificateStatus;
import fr.guichetbio.training.certification.Certificates;
import fr.guichetbio.training.certification.ExpiryReminders;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.Courses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Certificates on a throwaway database with the whole portal: issued after a completion commits, checked by anyone on
 * the verification page, revoked by an administrator only (the holder is told), marked for renewal by a major course
 * version, and reminded before expiry exactly once even when two schedulers run at the same moment.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class CertificatesTest {

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

    @Autowired
    QuestionBanks banks;

    @Autowired
    ExpiryReminders reminders;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private String code;
    private long provider;
    private long version;
    private long holder;
    private long admin;

    @BeforeEach
    void aPublishedCourseAndItsLearner() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        code = "cert-" + run;
        provider = jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :slug, 'TRAINING_PROVIDER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """)
                .param("slug", "organisme-" + run)
                .query(Long.class)
                .single();
        version = courses.draft(provider, 1, 0, content("BPF " + run));
        banks.save(version, quiz());
        courses.publishDraft(version, Instant.now());
        holder = person(jdbc, "Camille Durand", "camille-" + run + "@example.org");
        admin = person(jdbc, "Admin " + run, "admin-" + run + "@example.org", PlatformRole.ADMIN);
    }

    /** Two questions of one tag, both answered "Oui": the recertification draws one of them. */
    private static Quiz quiz() {
        List<Question> bank = List.of("lot", "zone").stream()
                .map(key -> new Question(
                        key,
                        Set.of("bpf"),
                        "Question " + key + " ?",
                        "Parce que.",
                        "lecon",
                        new Question.SingleChoice(List.of("Oui", "Non", "Peut-être"), 0)))
                .toList();
        return new Quiz(bank, Map.of("bpf", 2), 100, 3, Duration.ofMinutes(5), null);
    }

    private CourseContent content(String title) {
        return new CourseContent(
                code,
                "fr",
                CourseContent.Level.INTRODUCTORY,
                title,
                "Résumé.",
                60,
                List.of(),
                List.of("Savoir."),
                List.of(new CourseContent.Module(
                        "Module", List.of(new CourseContent.Lesson("lecon", "Leçon", "Texte.", null)))));
    }

    /** The completion as training publishes it, in a committed transaction: the certificate follows after commit. */
    private Certificate completed() {
        transactions.executeWithoutResult(
                status -> events.publishEvent(new CourseCompleted(holder, code, version, 1, 0, 90, Instant.now())));
        TestEvents.awaitDelivered(jdbc);
        List<Certificate> held = certificates.of(holder);
        assertThat(held).hasSize(1);
        return held.getFirst();
    }

    @Test
    void aCompletedCourseGivesACertificateThatAnyoneCanCheck() throws Exception {
        Certificate certificate = completed();
        assertThat(certificate.holderName()).isEqualTo("Camille Durand");
        assertThat(certificate.score()).isEqualTo(90);
        assertThat(certificate.status(Instant.now())).isEqualTo(CertificateStatus.VALID);
        // 24 months by default; an unguessable identifier.
        assertThat(certificate.validUntil()).isAfter(Instant.now().plusSeconds(729L * 86_400));
        assertThat(Certificates.isIdentifier(certificate.id())).isTrue();
        assertThat(notices("notification.training.issued")).isEqualTo(1);

        String mine = mvc.perform(get("/formation/certificats").with(signedIn(jdbc, holder)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(mine).contains("data-id=\"" + certificate.id() + "\"", "/verifier/" + certificate.id());

        // Anyone, without an account: the status and the holder's name, nothing more of the holder.
        String page = mvc.perform(get("/verifier/" + certificate.id()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-status=\"VALID\"", "Camille Durand").doesNotContain("camille-", "@example.org");
        mvc.perform(get("/verifier/" + "a".repeat(26))).andExpect(status().isNotFound());
        mvc.perform(get("/verifier/not-an-identifier")).andExpect(status().isNotFound());
    }

    /**
     * The certificate records where its holder works when it is issued (skills by region): the first site in France
     * of the organisation they joined first among those with one; nothing known, nothing recorded.
     */
    @Test
    void aCertificateRecordsTheRegionWhereItsHolderWorksWhenIssued() {
        assertThat(regionOf(completed())).as("no organisation").isNull();

        String run = UUID.randomUUID().toString().substring(0, 8);
        long abroad = organisation("etranger-" + run);
        long cdmo = organisation("cdmo-" + run);
        long later = organisation("plus-tard-" + run);
        site(abroad, "site-de-" + run, "DE", null);
        site(cdmo, "site-rennes-" + run, "FR", "53");
        site(cdmo, "site-paris-" + run, "FR", "11");
        site(later, "site-lyon-" + run, "FR", "84");
        member(abroad, "2020-01-01");
        member(cdmo, "2021-01-01");
        member(later, "2022-01-01");

        transactions.executeWithoutResult(
                status -> events.publishEvent(new CourseCompleted(holder, code, version, 1, 0, 95, Instant.now())));
        TestEvents.awaitDelivered(jdbc);
        Certificate renewed = certificates.of(holder).getFirst();
        assertThat(renewed.score()).isEqualTo(95);
        assertThat(regionOf(renewed))
                .as("the oldest French site of the first organisation with one")
                .isEqualTo("53");
    }

    private String regionOf(Certificate certificate) {
        return jdbc.sql("select region_code from certificate where id = :id")
                .param("id", certificate.id())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long organisation(String slug) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :slug, 'MANUFACTURER', 'https://y.example', 'y.example', 'ACTIVE')
                        returning id
                        """).param("slug", slug).query(Long.class).single();
    }

    private void site(long organisation, String key, String country, String region) {
        jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country)
                        values (:key, :organisation, :key, '00000', 'Ville', :region, :country)
                        """)
                .param("key", key)
                .param("organisation", organisation)
                .param("region", region)
                .param("country", country)
                .update();
    }

    private void member(long organisation, String joined) {
        jdbc.sql("""
                        insert into membership (organisation_id, person_id, role, joined_at)
                        values (:organisation, :person, 'MEMBER', cast(:joined as date))
                        """)
                .param("organisation", organisation)
                .param("person", holder)
                .param("joined", joined)
                .update();
    }

    /**
     * Anonymous visitors' pages are kept rendered per certificate state ({@code VerificationPageCache}): a change made
     * anywhere (here straight in the database, as another replica or an erasure would) shows at the next request, in
     * each language, and a signed-in visitor still gets their own header.
     */
    @Test
    void theVerificationPageFollowsTheCertificateWhereverItChanges() throws Exception {
        Certificate certificate = completed();
        String url = "/verifier/" + certificate.id();
        for (int i = 0; i < 2; i++) {
            assertThat(page(get(url))).contains("Camille Durand", "data-status=\"VALID\"", "lang=\"fr\"");
            assertThat(page(get(url).header("Accept-Language", "en"))).contains("Camille Durand", "lang=\"en\"");
        }
        jdbc.sql("update certificate set holder_name = 'Camille Martin' where id = :id")
                .param("id", certificate.id())
                .update();
        assertThat(page(get(url))).contains("Camille Martin").doesNotContain("Camille Durand");
        jdbc.sql("update certificate set valid_until = now() + interval '30 days' where id = :id")
                .param("id", certificate.id())
                .update();
        assertThat(page(get(url))).contains("data-status=\"EXPIRING\"");
        assertThat(page(get(url).with(signedIn(jdbc, holder))))
                .contains("id=\"user-name\"", "data-status=\"EXPIRING\"");
        assertThat(page(get(url))).doesNotContain("id=\"user-name\"");
    }

    @Test
    void onlyAnAdministratorRevokesWithAReasonAndTheHolderIsTold() throws Exception {
        Certificate certificate = completed();
        String revocation = "/admin/formation/certificats/" + certificate.id() + "/revocation";
        assertThat(page(get("/verifier/" + certificate.id()))).contains("data-status=\"VALID\"");

        mvc.perform(post(revocation).with(signedIn(jdbc, holder)).with(csrf()).param("raison", "Fraude"))
                .andExpect(status().isForbidden());
        mvc.perform(post(revocation).with(signedIn(jdbc, admin)).with(csrf()).param("raison", "  "))
                .andExpect(status().isUnprocessableContent());
        assertThat(certificates.find(certificate.id()).orElseThrow().revokedAt())
                .isNull();

        mvc.perform(post(revocation)
                        .with(signedIn(jdbc, admin))
                        .with(csrf())
                        .param("raison", "Évaluation passée par un tiers"))
                .andExpect(status().is3xxRedirection());
        assertThat(certificates.find(certificate.id()).orElseThrow().status(Instant.now()))
                .isEqualTo(CertificateStatus.REVOKED);
        assertThat(certificates.revokedStatusIndexes()).contains(certificate.statusIndex());
        assertThat(mvc.perform(get("/verifier/" + certificate.id()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("data-status=\"REVOKED\"");
        TestEvents.awaitDelivered(jdbc);
        assertThat(notices("notification.training.revoked")).isEqualTo(1);
    }

    @Test
    void aMajorVersionRequiresRenewalAndAMinorOneDoesNot() {
        Certificate certificate = completed();
        publishedVersion(1, 1);
        assertThat(certificates.find(certificate.id()).orElseThrow().renewalRequiredBy())
                .isNull();

        publishedVersion(2, 0);
        Certificate marked = certificates.find(certificate.id()).orElseThrow();
        assertThat(marked.renewalRequiredBy()).isAfter(Instant.now().plusSeconds(180L * 86_400));
        assertThat(marked.status(Instant.now())).isEqualTo(CertificateStatus.RENEWAL_REQUIRED);
        assertThat(marked.status(marked.renewalRequiredBy())).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(notices("notification.training.renewal")).isEqualTo(1);
    }

    private void publishedVersion(int major, int minor) {
        long next = courses.publish(provider, major, minor, content("BPF"), Instant.now());
        transactions.executeWithoutResult(status -> events.publishEvent(
                new CourseVersionPublished(code, provider, next, major, minor, admin, Instant.now())));
        TestEvents.awaitDelivered(jdbc);
    }

    @Test
    void aReminderGoesOnceEvenWithTwoSchedulersAtOnce() throws Exception {
        Certificate certificate = completed();
        jdbc.sql("update certificate set valid_until = now() + interval '29 days' where id = :id")
                .param("id", certificate.id())
                .update();

        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> replica = () -> (int) reminders.sendDue().stream()
                    .filter(due -> due.certificateId().equals(certificate.id()))
                    .count();
            int sent = pool.invokeAll(List.of(replica, replica)).stream()
                    .mapToInt(future -> {
                        try {
                            return future.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .sum();
            assertThat(sent).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        // The 30-day reminder only (not the 90-day one as well), and not again at the next run.
        assertThat(reminders.sendDue()).noneMatch(due -> due.certificateId().equals(certificate.id()));
        assertThat(jdbc.sql("select days_before from certificate_reminder where certificate_id = :id")
                        .param("id", certificate.id())
                        .query(Integer.class)
                        .list())
                .containsExactly(30);
        TestEvents.awaitDelivered(jdbc);
        assertThat(notices("notification.training.expiring")).isEqualTo(1);
    }

    @Test
    void anExpiringCertificateIsRenewedByTheShorterAssessmentOnly() throws Exception {
        Certificate certificate = completed();
        String renewal = "/formation/certificats/" + certificate.id() + "/renouvellement";
        // Valid for two years: nothing to renew yet.
        mvc.perform(get(renewal).with(signedIn(jdbc, holder))).andExpect(status().isNotFound());

        jdbc.sql("update certificate set valid_until = now() + interval '60 days' where id = :id")
                .param("id", certificate.id())
                .update();
        mvc.perform(get(renewal).with(signedIn(jdbc, admin))).andExpect(status().isNotFound());
        assertThat(page(get("/formation/certificats").with(signedIn(jdbc, holder))))
                .contains(renewal);
        mvc.perform(post(renewal + "/tentatives").with(signedIn(jdbc, holder)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String form = page(get(renewal).with(signedIn(jdbc, holder)));
        // Half of the course's two questions.
        assertThat(form).contains("renewal-lead");
        Matcher questions = Pattern.compile("data-key=\"(lot|zone)\"").matcher(form);
        assertThat(questions.results().count()).isEqualTo(1);
        Matcher attempt =
                Pattern.compile("name=\"tentative\" value=\"([^\"]+)\"").matcher(form);
        Matcher token = Pattern.compile("name=\"jeton\" value=\"([^\"]+)\"").matcher(form);
        Matcher right = Pattern.compile("id=\"(q-(?:lot|zone))-(\\d)\" value=\"\\d\"[^>]*>\\s*<label[^>]*>Oui<")
                .matcher(form);
        assertThat(attempt.find() && token.find() && right.find()).isTrue();

        TestEvents.awaitDelivered(jdbc);
        int passedBefore = passedStatements();
        String result = mvc.perform(post(renewal + "/reponses")
                        .with(signedIn(jdbc, holder))
                        .with(csrf())
                        .param("tentative", attempt.group(1))
                        .param("jeton", token.group(1))
                        .param(right.group(1), right.group(2)))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(page(get(result).with(signedIn(jdbc, holder)))).contains("id=\"renewed\"");

        List<Certificate> held = certificates.of(holder);
        assertThat(held).hasSize(2);
        Certificate renewed =
                held.stream().filter(Certificate::recertification).findFirst().orElseThrow();
        assertThat(renewed.status(Instant.now())).isEqualTo(CertificateStatus.VALID);
        assertThat(certificates.find(certificate.id()).orElseThrow().supersededBy())
                .isEqualTo(renewed.id());
        // The renewal attempt is in the learning records like any graded quiz.
        TestEvents.awaitDelivered(jdbc);
        assertThat(passedStatements()).isEqualTo(passedBefore + 1);
        // The old one is superseded: nothing more to renew; the course's own quiz is untouched.
        mvc.perform(get(renewal).with(signedIn(jdbc, holder))).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from quiz_attempt where person_id = :p and certificate_id is null")
                        .param("p", holder)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private int passedStatements() {
        return jdbc.sql("select count(*) from learning_statement where person_id = :p and verb like '%/passed'")
                .param("p", holder)
                .query(Integer.class)
                .single();
    }

    private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private int notices(String key) {
        return jdbc.sql("select count(*) from notification where person_id = :p and message_key = :key")
                .param("p", holder)
                .param("key", key)
                .query(Integer.class)
                .single();
    }
}
