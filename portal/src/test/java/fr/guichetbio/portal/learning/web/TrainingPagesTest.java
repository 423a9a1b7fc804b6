package fr.guichetbio.portal.learning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestImages;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Question.Numeric;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import fr.guichetbio.training.assessment.Question.Tolerance;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseFiles;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.path.BioproductionRole;
import fr.guichetbio.training.path.LearningPath;
import fr.guichetbio.training.path.LearningPaths;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The learner's way through the training pages on a throwaway database: a public catalogue and course page, lessons
 * behind sign-in and enrolment, a quiz whose page holds no answer, a failed attempt that says why, the cool-down, a
 * replayed or foreign submission refused with nothing changed, and completion on "Mes formations". A hostile lesson
 * is rendered inert. The course is small and written here so that the test knows the answers.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class TrainingPagesTest {

    private static final String RIGHT_A = "La personne qualifiée";
    private static final String RIGHT_B = "Classe A";
    private static final String HOSTILE = """
            Texte de la leçon.

            <script>alert('x')</script>
            <img src="x" onerror="alert(1)">
            [cliquez](javascript:alert(1))
            <iframe src="https://evil.example"></iframe>
            """;

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
    QuestionBanks banks;

    @Autowired
    LearningPaths paths;

    private String code;
    private String providerSlug;
    private long learner;
    private long other;

    @BeforeEach
    void aPublishedCourseInAPath() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        code = "bpf-test-" + run;
        providerSlug = "organisme-" + run;
        long provider = jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :name, 'TRAINING_PROVIDER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """)
                .param("slug", providerSlug)
                .param("name", "Organisme " + run)
                .query(Long.class)
                .single();
        CourseContent content = new CourseContent(
                code,
                "fr",
                CourseContent.Level.INTRODUCTORY,
                "BPF d'essai " + run,
                "Un cours court pour les tests.",
                90,
                List.of("Aucun"),
                List.of("Savoir qui certifie un lot"),
                List.of(new CourseContent.Module(
                        "Module unique",
                        List.of(
                                new CourseContent.Lesson(
                                        "qualite",
                                        "La qualité",
                                        "## Le système qualité\n\nLa QP certifie.\n\n![Le circuit du lot](circuit.png)",
                                        "https://video.example/bpf"),
                                new CourseContent.Lesson("zones", "Les zones", HOSTILE)))));
        Map<String, Integer> draw = new LinkedHashMap<>();
        draw.put("qualite", 1);
        draw.put("zones", 1);
        draw.put("calcul", 1);
        Quiz quiz = new Quiz(
                List.of(
                        new Question(
                                "certification",
                                Set.of("qualite"),
                                "Qui certifie un lot ?",
                                "Directive 2001/83/CE, article 51 : la personne qualifiée.",
                                "qualite",
                                new SingleChoice(List.of(RIGHT_A, "Le technicien", "L'ANSM"), 0)),
                        new Question(
                                "remplissage",
                                Set.of("zones"),
                                "Classe du remplissage aseptique ?",
                                "Annexe 1 : classe A.",
                                "zones",
                                new SingleChoice(List.of(RIGHT_B, "Classe C", "Classe D"), 0)),
                        new Question(
                                "dilution",
                                Set.of("calcul"),
                                "Volume de stock à 10 mg/mL pour 100 mL à 0,5 mg/mL (en mL) ?",
                                "C1 × V1 = C2 × V2 : 0,5 × 100 / 10 = 5 mL.",
                                "qualite",
                                new Numeric(5, Tolerance.relative(0.01), "mL"))),
                draw,
                100,
                3,
                Duration.ofMinutes(5),
                Duration.ofMinutes(30));
        long version = courses.draft(provider, 1, 0, content);
        banks.save(version, quiz);
        new CourseFiles(jdbc).store(version, "circuit.png", TestImages.PNG);
        courses.publishDraft(version, Instant.now());
        paths.save(new LearningPath(
                "parcours-" + run,
                BioproductionRole.QC_ANALYST,
                "Parcours " + run,
                null,
                "Faire des choses.",
                null,
                List.of(code)));
        learner = person("learner-" + run);
        other = person("other-" + run);
    }

    private long person(String subject) {
        return jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, :subject, :email, now(), now())
                        returning id
                        """)
                .param("subject", subject)
                .param("email", subject + "@example.org")
                .query(Long.class)
                .single();
    }

    private static RequestPostProcessor as(long personId) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .build();
        return oidcLogin()
                .oidcUser(new PortalUser(
                        new DefaultOidcUser(List.of(), token),
                        personId,
                        "Person " + personId,
                        Set.of(PlatformRole.TRAINEE)));
    }

    private String page(MockHttpServletRequestBuilder request, int expected) throws Exception {
        return mvc.perform(request)
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String location(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }

    private String quiz() {
        return "/formation/cours/" + code + "/quiz";
    }

    @Test
    void theCatalogueAndTheCoursePageArePublicAndFiltered() throws Exception {
        assertThat(page(get("/formation"), 200)).contains("BPF d&#39;essai", "Parcours ");
        assertThat(page(get("/formation").param("role", "QC_ANALYST").param("organisme", providerSlug), 200))
                .contains(code)
                .containsPattern(
                        "<option value=\"QC_ANALYST\"\\s+selected=\"selected\">Analyste de contrôle qualité</option>")
                .contains("<option value=\"2\">2 h au plus</option>")
                .containsPattern(
                        "<option value=\"" + providerSlug + "\"\\s+selected=\"selected\">Organisme [a-z0-9]+</option>");
        assertThat(page(get("/formation").param("role", "DSP_OPERATOR").param("organisme", providerSlug), 200))
                .doesNotContain(code);
        assertThat(page(get("/formation").param("langue", "de"), 200)).contains("fr-select-group--error");

        String api =
                page(get("/api/formations").param("organisme", providerSlug).param("duree", "2"), 200);
        assertThat(api).contains("\"code\":\"" + code + "\"", "\"count\":1");
        assertThat(page(get("/api/formations").param("organisme", providerSlug).param("duree", "1"), 200))
                .contains("\"count\":0");
        String problem = page(get("/api/formations").param("niveau", "EXPERT"), 400);
        assertThat(problem).contains("\"field\":\"niveau\"");

        String course = page(get("/formation/cours/" + code), 200);
        assertThat(course).contains("Module unique", "La qualité", "Version 1.0");
        page(get("/formation/cours/inconnu"), 404);
        // Lessons need an account: anonymous people are sent to sign in.
        assertThat(location(get("/formation/cours/" + code + "/lecons/qualite")))
                .contains("/oauth2/authorization");
    }

    @Test
    void aLearnerEnrolsReadsFailsSeesWhyWaitsPassesAndCompletes() throws Exception {
        // Not enrolled: the lesson sends back to the course page.
        assertThat(location(get("/formation/cours/" + code + "/lecons/qualite").with(as(learner))))
                .isEqualTo("/formation/cours/" + code);
        assertThat(location(post("/formation/cours/" + code + "/inscription")
                        .with(as(learner))
                        .with(csrf())))
                .isEqualTo("/formation/cours/" + code + "/lecons/qualite");
        assertThat(page(get("/formation/cours/" + code + "/lecons/qualite").with(as(learner)), 200))
                .contains("Le système qualité", "href=\"https://video.example/bpf\"")
                .contains("src=\"/formation/cours/" + code + "/fichiers/circuit.png\"");
        // The lesson's image, for enrolled learners only.
        assertThat(mvc.perform(get("/formation/cours/" + code + "/fichiers/circuit.png")
                                .with(as(learner)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray())
                .isEqualTo(TestImages.PNG);
        page(get("/formation/cours/" + code + "/fichiers/circuit.png").with(as(other)), 404);
        page(get("/formation/cours/" + code + "/fichiers/absent.png").with(as(learner)), 404);

        // The quiz page holds the questions, never the answers or explanations.
        location(post(quiz() + "/tentatives").with(as(learner)).with(csrf()));
        String form = page(get(quiz()).with(as(learner)), 200);
        assertThat(form)
                .contains("Qui certifie un lot ?", RIGHT_A)
                .doesNotContain("Directive 2001/83", "Annexe 1 : classe A");
        String attempt = hidden(form, "tentative");
        String token = hidden(form, "jeton");

        // Wrong on purpose: the result says what was wrong, why, and which lesson to reread.
        String result = location(answers(form, attempt, token, false));
        String shown = page(get(result).with(as(learner)), 200);
        assertThat(shown).contains("Évaluation non réussie", "Directive 2001/83", RIGHT_A, "/lecons/qualite");

        // The same page sent again is refused, and nothing changes.
        assertThat(page(answers(form, attempt, token, true), 409)).contains("ALREADY_SUBMITTED");
        assertThat(passedAttempts()).isZero();

        // The cool-down: no new attempt for 5 minutes.
        assertThat(page(get(quiz()).with(as(learner)), 200))
                .contains("quiz-refusal")
                .doesNotContain("start-attempt");
        jdbc.sql("update quiz_attempt set started_at = started_at - interval '6 minutes', "
                        + "submitted_at = submitted_at - interval '6 minutes' where person_id = :p")
                .param("p", learner)
                .update();
        location(post(quiz() + "/tentatives").with(as(learner)).with(csrf()));
        String second = page(get(quiz()).with(as(learner)), 200);
        String secondAttempt = hidden(second, "tentative");
        String secondToken = hidden(second, "jeton");

        // Another learner cannot submit it, even with its token.
        location(post("/formation/cours/" + code + "/inscription")
                .with(as(other))
                .with(csrf()));
        assertThat(page(answersAs(other, second, secondAttempt, secondToken, true, "5"), 409))
                .contains("NOT_THIS_ATTEMPT");
        // A forged token is refused too.
        assertThat(page(answers(second, secondAttempt, "forged", true), 409)).contains("NOT_THIS_ATTEMPT");

        String passed = page(
                get(location(answers(second, secondAttempt, secondToken, true))).with(as(learner)), 200);
        assertThat(passed).contains("Évaluation réussie", "lessons-left");
        assertThat(page(get("/formation/mes-formations").with(as(learner)), 200))
                .contains("in-progress")
                .doesNotContain("completed-course");

        // The last lesson completes the course; the hostile lesson is inert.
        String hostile = page(get("/formation/cours/" + code + "/lecons/zones").with(as(learner)), 200);
        String body = hostile.substring(hostile.indexOf("id=\"lesson-body\""), hostile.indexOf("</article>"));
        // Raw HTML is shown as text, the javascript: link is not a link: nothing in it can run.
        assertThat(body)
                .contains("Texte de la leçon", "&lt;script&gt;")
                .doesNotContain("<script", "<img", "<iframe", "href=\"javascript", " onerror=");
        String mine = page(get("/formation/mes-formations").with(as(learner)), 200);
        assertThat(mine).contains("completed-course", "data-code=\"" + code + "\"");
        assertThat(jdbc.sql("select count(*) from enrolment where person_id = :p and completed_at is not null")
                        .param("p", learner)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNotANumberGivesThePageAgainWithNothingRecorded() throws Exception {
        location(post("/formation/cours/" + code + "/inscription")
                .with(as(learner))
                .with(csrf()));
        location(post(quiz() + "/tentatives").with(as(learner)).with(csrf()));
        String form = page(get(quiz()).with(as(learner)), 200);
        String attempt = hidden(form, "tentative");

        String again = page(answersAs(learner, form, attempt, hidden(form, "jeton"), true, "cinq"), 422);
        assertThat(again)
                .contains("Écrivez un nombre, par exemple 12,5.", "value=\"cinq\"")
                .contains("name=\"tentative\" value=\"" + attempt + "\"");
        assertThat(jdbc.sql("select count(*) from quiz_attempt where person_id = :p and submitted_at is null")
                        .param("p", learner)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // The same attempt, answered properly, is graded.
        assertThat(page(
                        get(location(answers(again, attempt, hidden(again, "jeton"), true)))
                                .with(as(learner)),
                        200))
                .contains("Évaluation réussie");
    }

    @Test
    void theLearnersTrainingIsInTheirDataExportAndErasedWithTheirAccount() throws Exception {
        location(post("/formation/cours/" + code + "/inscription")
                .with(as(learner))
                .with(csrf()));
        page(get("/formation/cours/" + code + "/lecons/qualite").with(as(learner)), 200);
        location(post(quiz() + "/tentatives").with(as(learner)).with(csrf()));
        String form = page(get(quiz()).with(as(learner)), 200);
        location(answers(form, hidden(form, "tentative"), hidden(form, "jeton"), false));

        String export = page(get("/compte/donnees").with(as(learner)), 200);
        assertThat(export)
                .contains("\"training\"", "\"course\":\"" + code + "\"", "\"lessonsSeen\":[\"qualite\"]")
                .contains("\"passed\":false");

        location(post("/compte/suppression").with(as(learner)).with(csrf()).param("confirm", "true"));
        assertThat(jdbc.sql("select (select count(*) from enrolment where person_id = :p)"
                                + " + (select count(*) from quiz_attempt where person_id = :p)")
                        .param("p", learner)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private int passedAttempts() {
        return jdbc.sql("select count(*) from quiz_attempt where person_id = :p and passed")
                .param("p", learner)
                .query(Integer.class)
                .single();
    }

    private MockHttpServletRequestBuilder answers(String form, String attempt, String token, boolean right) {
        return answersAs(learner, form, attempt, token, right, right ? "5" : "50");
    }

    /**
     * The answers to the form's questions: the right options (found by their text) or the first wrong ones, and the
     * dilution's volume as typed.
     */
    private MockHttpServletRequestBuilder answersAs(
            long person, String form, String attempt, String token, boolean right, String dilution) {
        MockHttpServletRequestBuilder request = post(quiz() + "/reponses")
                .with(as(person))
                .with(csrf())
                .param("tentative", attempt)
                .param("jeton", token);
        for (String key : List.of("certification", "remplissage")) {
            String rightText = key.equals("certification") ? RIGHT_A : RIGHT_B;
            Matcher options = Pattern.compile("id=\"q-" + key + "-(\\d)\" value=\"\\d\"[^>]*>\\s*<label[^>]*>([^<]*)<")
                    .matcher(form);
            String chosen = null;
            while (options.find()) {
                boolean isRight = options.group(2).equals(rightText);
                if (isRight == right) {
                    chosen = options.group(1);
                    break;
                }
            }
            assertThat(chosen).as(key).isNotNull();
            request.param("q-" + key, chosen);
        }
        return request.param("q-dilution", dilution);
    }

    private static String hidden(String page, String name) {
        Matcher matcher =
                Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1);
    }
}
