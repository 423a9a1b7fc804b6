package fr.guichetbio.portal.learning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestImages;
import fr.guichetbio.training.CourseVersionPublished;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Authoring through the pages, on a throwaway database: an instructor of provider A creates a course, adds a module,
 * a lesson and a question bank, previews and publishes 1.0; a learner enrols; the instructor opens a major draft 2.0,
 * edits the lesson and publishes it; the first learner keeps 1.0 (told of 2.0), a new learner gets 2.0. An instructor
 * of provider B can neither edit nor publish A's course; an administrator unpublishes it and it leaves the catalogue
 * and the API. Invalid input gets field errors and writes nothing.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
@RecordApplicationEvents
class AuthoringPagesTest {

    private static final String QUESTIONS = """
            quiz:
              draw: {intro: 1}
              passPercent: 100
              maxAttempts: 3
              coolDownMinutes: 0
            questions:
              - key: certification
                type: single-choice
                tags: [intro]
                lesson: intro
                prompt: Qui certifie un lot ?
                explanation: La personne qualifiée.
                right: La personne qualifiée
                wrong: [Le technicien, L'ANSM]
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
    ApplicationEvents events;

    private String run;
    private String code;
    private String slugA;
    private long providerA;
    private long instructorA;
    private long instructorB;
    private long firstLearner;
    private long secondLearner;
    private long admin;

    @BeforeEach
    void twoProvidersAndTheirPeople() {
        run = UUID.randomUUID().toString().substring(0, 8);
        code = "cours-" + run;
        slugA = "organisme-a-" + run;
        providerA = organisation(slugA);
        long providerB = organisation("organisme-b-" + run);
        instructorA = person("instructor-a-" + run, "INSTRUCTOR");
        instructorB = person("instructor-b-" + run, "INSTRUCTOR");
        membership(providerA, instructorA);
        membership(providerB, instructorB);
        firstLearner = person("learner-1-" + run, null);
        secondLearner = person("learner-2-" + run, null);
        admin = person("admin-" + run, "ADMIN");
    }

    private String draft() {
        return "/formation/atelier/cours/" + code + "/brouillon";
    }

    @Test
    void anInstructorPublishesThenRevisesWhileEnrolledLearnersKeepTheirVersion() throws Exception {
        assertThat(page(get("/formation").with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("id=\"workshop-link\"");
        assertThat(page(get("/formation").with(as(firstLearner)), 200)).doesNotContain("id=\"workshop-link\"");

        assertThat(location(post("/formation/atelier/cours")
                        .with(as(instructorA, PlatformRole.INSTRUCTOR))
                        .with(csrf())
                        .params(description("Cours " + run))
                        .param("organisme", slugA)
                        .param("code", code)))
                .isEqualTo(draft());
        // The certificates' validity, set with the description (and kept by the next versions).
        assertThat(jdbc.sql("select validity_months from course_version v join course c on c.id = v.course_id"
                                + " where c.code = :code")
                        .param("code", code)
                        .query(Integer.class)
                        .single())
                .isEqualTo(12);
        change(draft() + "/modules", instructorA, Map.of("title", "Module unique"));
        change(
                draft() + "/modules/1/lecons",
                instructorA,
                Map.of(
                        "key",
                        "intro",
                        "title",
                        "Introduction",
                        "markdown",
                        "## Bonjour\n\nTexte v1.\n\n<script>x</script>"));
        change(draft() + "/questions", instructorA, Map.of("questions", QUESTIONS));

        String preview = page(get(draft() + "/apercu").with(as(instructorA, PlatformRole.INSTRUCTOR)), 200);
        assertThat(preview).contains("Texte v1.", "<h3", "Bonjour").doesNotContain("<script>x");
        assertThat(page(get(draft()).with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("brouillon 1.0", "1 question(s)");
        assertThat(location(post(draft() + "/publication")
                        .with(as(instructorA, PlatformRole.INSTRUCTOR))
                        .with(csrf())))
                .isEqualTo("/formation/atelier");
        assertThat(page(get("/formation/cours/" + code), 200)).contains("Version 1.0");

        location(post("/formation/cours/" + code + "/inscription")
                .with(as(firstLearner))
                .with(csrf()));

        // A major version: a copy of 1.0 to edit.
        location(post(draft())
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf())
                .param("change", "MAJOR"));
        assertThat(page(get(draft()).with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("brouillon 2.0", "Version majeure", "Dernière version publiée : 1.0.");
        change(draft() + "/lecons/intro", instructorA, Map.of("title", "Introduction", "markdown", "Texte v2."));
        location(post(draft() + "/publication")
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf()));

        String lesson = "/formation/cours/" + code + "/lecons/intro";
        assertThat(page(get(lesson).with(as(firstLearner)), 200))
                .contains("Texte v1.")
                .doesNotContain("Texte v2.");
        assertThat(page(get("/formation/cours/" + code).with(as(firstLearner)), 200))
                .contains("Version 1.0", "id=\"newer-version\"", "Une version 2.0 est publiée");
        location(post("/formation/cours/" + code + "/inscription")
                .with(as(secondLearner))
                .with(csrf()));
        assertThat(page(get(lesson).with(as(secondLearner)), 200)).contains("Texte v2.");

        assertThat(events.stream(CourseVersionPublished.class)
                        .filter(event -> event.courseCode().equals(code)))
                .extracting(event -> event.major() + "." + event.minor() + " " + event.majorVersion())
                .containsExactly("1.0 true", "2.0 true");
        assertThat(jdbc.sql("""
                        select count(*) from course_version v join course c on c.id = v.course_id
                         where c.code = :code and v.status = 'PUBLISHED' and v.created_by = :by and v.published_by = :by
                        """)
                        .param("code", code)
                        .param("by", instructorA)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void anInstructorOfAnotherProviderIsRefusedAndAnAdminUnpublishes() throws Exception {
        publishedCourse();
        location(post(draft())
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf())
                .param("change", "MINOR"));
        assertThat(page(get(draft()).with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("brouillon 1.1");

        // Provider B's instructor: not A's draft, not its publication, not a new draft, not a course for A.
        RequestPostProcessor other = as(instructorB, PlatformRole.INSTRUCTOR);
        page(get(draft()).with(other), 403);
        page(get(draft() + "/apercu").with(other), 403);
        page(post(draft() + "/publication").with(other).with(csrf()), 403);
        page(
                post(draft() + "/lecons/intro")
                        .with(other)
                        .with(csrf())
                        .param("title", "Pirate")
                        .param("markdown", "x"),
                403);
        page(post(draft() + "/abandon").with(other).with(csrf()), 403);
        assertThat(page(
                        post("/formation/atelier/cours")
                                .with(other)
                                .with(csrf())
                                .params(description("Pirate"))
                                .param("organisme", slugA)
                                .param("code", "pirate-" + run),
                        422))
                .contains("Choisissez un organisme de formation dont vous êtes");
        assertThat(versions()).containsExactly("1.0 PUBLISHED", "1.1 DRAFT");
        assertThat(page(get("/formation/atelier").with(other), 200)).doesNotContain(code);
        // Not an administrator: no unpublishing, even for the course's own instructor.
        page(
                post("/admin/formation/cours/" + code + "/depublication")
                        .with(as(instructorA, PlatformRole.INSTRUCTOR))
                        .with(csrf()),
                403);

        assertThat(page(get("/admin/formation").with(as(admin, PlatformRole.ADMIN)), 200))
                .contains(code);
        assertThat(location(post("/admin/formation/cours/" + code + "/depublication")
                        .with(as(admin, PlatformRole.ADMIN))
                        .with(csrf())))
                .isEqualTo("/admin/formation");
        assertThat(versions()).containsExactly("1.0 UNPUBLISHED", "1.1 DRAFT");
        assertThat(page(get("/formation"), 200)).doesNotContain(code);
        assertThat(page(get("/api/formations"), 200)).doesNotContain(code);
        page(get("/formation/cours/" + code), 404);
        // The withdrawn course's instructor cannot bring it back by publishing the draft.
        assertThat(page(
                        post(draft() + "/publication")
                                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                                .with(csrf()),
                        422))
                .contains("L’administration a dépublié ce cours");
        assertThat(versions()).containsExactly("1.0 UNPUBLISHED", "1.1 DRAFT");
        assertThat(jdbc.sql("""
                        select unpublished_by from course_version v join course c on c.id = v.course_id
                         where c.code = :code and v.status = 'UNPUBLISHED'
                        """).param("code", code).query(Long.class).single()).isEqualTo(admin);
    }

    @Test
    void invalidInputGetsFieldErrorsAndWritesNothing() throws Exception {
        RequestPostProcessor instructor = as(instructorA, PlatformRole.INSTRUCTOR);
        Map<String, List<String>> bad = new java.util.HashMap<>(description(""));
        bad.put("durationMinutes", List.of("0"));
        bad.put("level", List.of("EXPERT"));
        bad.put("validityMonths", List.of("douze"));
        String refused = page(
                post("/formation/atelier/cours")
                        .with(instructor)
                        .with(csrf())
                        .params(new org.springframework.util.LinkedMultiValueMap<>(bad))
                        .param("organisme", slugA)
                        .param("code", "Mauvais Code"),
                422);
        assertThat(refused)
                .contains(
                        "fr-input-group--error",
                        "id=\"title-error-0\"",
                        "Ce champ est obligatoire.",
                        "La durée est un nombre entier de minutes, de 1 à 100000.",
                        "La validité est un nombre entier de mois, de 1 à 120.",
                        "Choisissez un niveau dans la liste.",
                        "Minuscules, chiffres et tirets seulement");
        assertThat(jdbc.sql("select count(*) from course where provider_organisation_id = :p")
                        .param("p", providerA)
                        .query(Integer.class)
                        .single())
                .isZero();

        location(post("/formation/atelier/cours")
                .with(instructor)
                .with(csrf())
                .params(description("Cours " + run))
                .param("organisme", slugA)
                .param("code", code));
        assertThat(page(post(draft() + "/publication").with(instructor).with(csrf()), 422))
                .contains("Ajoutez au moins un module.", "Enregistrez l’évaluation");
        change(draft() + "/modules", instructorA, Map.of("title", "Module"));
        assertThat(page(
                        post(draft() + "/modules/1/lecons")
                                .with(instructor)
                                .with(csrf())
                                .param("key", "intro")
                                .param("title", "Introduction")
                                .param("markdown", "x".repeat(100_001)),
                        422))
                .contains("Ce texte est trop long : 100000 caractères au plus.");
        change(
                draft() + "/modules/1/lecons",
                instructorA,
                Map.of("key", "intro", "title", "Intro", "markdown", "Texte."));

        String questions = page(
                post(draft() + "/questions")
                        .with(instructor)
                        .with(csrf())
                        .param(
                                "questions",
                                QUESTIONS.replace("intro: 1", "intro: 2").replace("lesson: intro", "lesson: autre")),
                422);
        assertThat(questions).contains("Question certification : la leçon autre n’existe pas dans ce brouillon.");
        assertThat(page(
                        post(draft() + "/questions")
                                .with(instructor)
                                .with(csrf())
                                .param("questions", QUESTIONS.replace("intro: 1", "intro: 2")),
                        422))
                .contains("L’étiquette intro doit fournir 2 question(s) : la banque en a 1");
        assertThat(jdbc.sql("""
                        select count(*) from question q join course_version v on v.id = q.course_version_id
                          join course c on c.id = v.course_id where c.code = :code
                        """).param("code", code).query(Integer.class).single())
                .isZero();
        assertThat(page(post(draft() + "/publication").with(instructor).with(csrf()), 422))
                .contains("Enregistrez l’évaluation")
                .doesNotContain("Ajoutez au moins un module.");
        assertThat(versions()).containsExactly("1.0 DRAFT");
    }

    @Test
    void modulesAndLessonsMoveAndGoWithPositionsKeptInOrder() throws Exception {
        RequestPostProcessor instructor = as(instructorA, PlatformRole.INSTRUCTOR);
        location(post("/formation/atelier/cours")
                .with(instructor)
                .with(csrf())
                .params(description("Cours " + run))
                .param("organisme", slugA)
                .param("code", code));
        change(draft() + "/modules", instructorA, Map.of("title", "Premier"));
        change(draft() + "/modules", instructorA, Map.of("title", "Second"));
        change(draft() + "/modules/1/lecons", instructorA, Map.of("key", "a", "title", "A", "markdown", "a"));
        change(draft() + "/modules/1/lecons", instructorA, Map.of("key", "b", "title", "B", "markdown", "b"));
        change(draft() + "/modules/2/lecons", instructorA, Map.of("key", "c", "title", "C", "markdown", "c"));
        change(draft() + "/lecons/b/deplacement", instructorA, Map.of("sens", "haut"));
        change(draft() + "/modules/2/deplacement", instructorA, Map.of("sens", "haut"));
        assertThat(outline()).containsExactly("1 Second 1 c", "2 Premier 1 b", "2 Premier 2 a");
        change(draft() + "/lecons/b/suppression", instructorA, Map.of());
        change(draft() + "/modules/1/suppression", instructorA, Map.of());
        change(draft() + "/modules/1", instructorA, Map.of("title", "Unique"));
        assertThat(outline()).containsExactly("1 Unique 1 a");

        // A refused rename or description keeps the page, with the error next to the field.
        assertThat(page(
                        post(draft() + "/modules/1")
                                .with(instructor)
                                .with(csrf())
                                .param("title", " "),
                        422))
                .contains("id=\"module-title-1-error-0\"", "Ce champ est obligatoire.");
        assertThat(page(
                        post(draft() + "/description")
                                .with(instructor)
                                .with(csrf())
                                .params(description("x".repeat(201))),
                        422))
                .contains("id=\"title-error-0\"", "Ce texte est trop long : 200 caractères au plus.");
        assertThat(page(get(draft()).with(instructor), 200)).contains("Cours " + run, "title=\"Monter « A »\"");
        assertThat(page(get(draft() + "/questions").with(instructor), 200))
                .contains("Leçons de ce brouillon : a</span>");
        page(get(draft() + "/lecons/inconnue").with(instructor), 404);
        page(post(draft() + "/modules/9/suppression").with(instructor).with(csrf()), 404);
    }

    @Test
    void anInstructorUploadsAnImageTheLessonShowsAndANewVersionKeepsIt() throws Exception {
        publishedCourse();
        location(post(draft())
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf())
                .param("change", "MINOR"));
        String files = draft() + "/fichiers";
        assertThat(location(multipart(files)
                        .file(new MockMultipartFile("fichier", "Circuit.PNG", "image/png", TestImages.PNG))
                        .with(as(instructorA, PlatformRole.INSTRUCTOR))
                        .with(csrf())))
                .isEqualTo(files);
        // An SVG (which can carry script) is refused next to the field, and nothing is stored.
        String refused = page(
                multipart(files)
                        .file(new MockMultipartFile(
                                "fichier", "dessin.png", "image/png", "<svg onload='alert(1)'/>".getBytes()))
                        .with(as(instructorA, PlatformRole.INSTRUCTOR))
                        .with(csrf()),
                422);
        assertThat(refused).contains("file-input-error", "ne correspond pas");
        assertThat(page(get(files).with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("data-name=\"circuit.png\"")
                .doesNotContain("dessin.png");
        // Another provider's instructor can neither list nor add.
        page(get(files).with(as(instructorB, PlatformRole.INSTRUCTOR)), 403);
        page(
                multipart(files)
                        .file(new MockMultipartFile("fichier", "autre.png", "image/png", TestImages.PNG))
                        .with(as(instructorB, PlatformRole.INSTRUCTOR))
                        .with(csrf()),
                403);

        // A video link must be an https address; refused otherwise, with nothing changed.
        assertThat(page(
                        post(draft() + "/lecons/intro")
                                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                                .with(csrf())
                                .param("title", "Intro")
                                .param("markdown", "Texte.")
                                .param("videoUrl", "javascript:alert(1)"),
                        422))
                .contains("https complète");
        change(
                draft() + "/lecons/intro",
                instructorA,
                Map.of(
                        "title",
                        "Intro",
                        "markdown",
                        "Le circuit :\n\n![Le circuit du lot](circuit.png)",
                        "videoUrl",
                        "https://videos.example.org/circuit"));
        assertThat(page(get(draft() + "/lecons/intro").with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("value=\"https://videos.example.org/circuit\"");
        assertThat(page(get(draft() + "/apercu").with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("src=\"" + files + "/circuit.png\"");
        assertThat(mvc.perform(get(files + "/circuit.png").with(as(instructorA, PlatformRole.INSTRUCTOR)))
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray())
                .isEqualTo(TestImages.PNG);
        location(post(draft() + "/publication")
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf()));
        // The next draft starts with the published version's files.
        location(post(draft())
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf())
                .param("change", "MINOR"));
        assertThat(page(get(files).with(as(instructorA, PlatformRole.INSTRUCTOR)), 200))
                .contains("data-name=\"circuit.png\"");
    }

    @Test
    void anAdminWritesALearningPathOfPublishedCourses() throws Exception {
        publishedCourse();
        String pathCode = "parcours-" + run;
        // Refused fields come back next to their input, and nothing is written.
        String refused = page(
                post("/admin/formation/parcours")
                        .with(as(admin, PlatformRole.ADMIN))
                        .with(csrf())
                        .param("nouveau", "true")
                        .param("code", pathCode)
                        .param("role", "QC_ANALYST")
                        .param("titleFr", "")
                        .param("outcomeFr", "Contrôler.")
                        .param("courses", code + "\ncours-inexistant"),
                422);
        assertThat(refused).contains("path-title-fr-error-0", "path-courses-error-0", "cours publié");
        assertThat(jdbc.sql("select count(*) from learning_path where code = :c")
                        .param("c", pathCode)
                        .query(Integer.class)
                        .single())
                .isZero();
        // Only administrators write paths.
        page(
                post("/admin/formation/parcours")
                        .with(as(instructorA, PlatformRole.INSTRUCTOR))
                        .with(csrf())
                        .param("code", pathCode),
                403);

        assertThat(location(post("/admin/formation/parcours")
                        .with(as(admin, PlatformRole.ADMIN))
                        .with(csrf())
                        .param("nouveau", "true")
                        .param("code", pathCode)
                        .param("role", "QC_ANALYST")
                        .param("titleFr", "Analyste " + run)
                        .param("outcomeFr", "Contrôler un lot.")
                        .param("courses", code)))
                .isEqualTo("/admin/formation");
        assertThat(page(get("/formation/parcours/" + pathCode), 200)).contains("Analyste " + run, "Cours " + run);
        assertThat(page(get("/admin/formation/parcours/" + pathCode).with(as(admin, PlatformRole.ADMIN)), 200))
                .contains("path-code-fixed", "Contrôler un lot.");
    }

    private List<String> outline() {
        return jdbc.sql("""
                        select m.position || ' ' || m.title || ' ' || l.position || ' ' || l.lesson_key
                          from course c join course_version v on v.course_id = c.id
                          join course_module m on m.course_version_id = v.id join lesson l on l.module_id = m.id
                         where c.code = :code order by m.position, l.position
                        """).param("code", code).query(String.class).list();
    }

    /** Course {@link #code} by instructor A, version 1.0 published with one lesson "intro" and one question. */
    private void publishedCourse() throws Exception {
        location(post("/formation/atelier/cours")
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf())
                .params(description("Cours " + run))
                .param("organisme", slugA)
                .param("code", code));
        change(draft() + "/modules", instructorA, Map.of("title", "Module"));
        change(
                draft() + "/modules/1/lecons",
                instructorA,
                Map.of("key", "intro", "title", "Intro", "markdown", "Texte."));
        change(draft() + "/questions", instructorA, Map.of("questions", QUESTIONS));
        location(post(draft() + "/publication")
                .with(as(instructorA, PlatformRole.INSTRUCTOR))
                .with(csrf()));
    }

    private List<String> versions() {
        return jdbc.sql("""
                        select v.major || '.' || v.minor || ' ' || v.status from course_version v
                          join course c on c.id = v.course_id where c.code = :code order by v.major, v.minor
                        """).param("code", code).query(String.class).list();
    }

    private static org.springframework.util.MultiValueMap<String, String> description(String title) {
        org.springframework.util.LinkedMultiValueMap<String, String> form =
                new org.springframework.util.LinkedMultiValueMap<>();
        form.add("language", "fr");
        form.add("level", "INTRODUCTORY");
        form.add("title", title);
        form.add("summary", "Un cours écrit dans l’atelier.");
        form.add("durationMinutes", "60");
        form.add("prerequisites", "");
        form.add("outcomes", "Savoir qui certifie un lot");
        form.add("validityMonths", "12");
        return form;
    }

    /** A POST by this instructor that must succeed: redirected back to the draft. */
    private void change(String path, long personId, Map<String, String> params) throws Exception {
        MockHttpServletRequestBuilder request =
                post(path).with(as(personId, PlatformRole.INSTRUCTOR)).with(csrf());
        params.forEach(request::param);
        assertThat(location(request)).as(path).isEqualTo(draft());
    }

    private long organisation(String slug) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :slug, 'TRAINING_PROVIDER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """).param("slug", slug).query(Long.class).single();
    }

    private void membership(long organisation, long person) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, 'MEMBER')")
                .param("o", organisation)
                .param("p", person)
                .update();
    }

    private long person(String subject, String role) {
        long id = jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, :subject, :email, now(), now())
                        returning id
                        """)
                .param("subject", subject)
                .param("email", subject + "@example.org")
                .query(Long.class)
                .single();
        if (role != null) {
            jdbc.sql("insert into person_role (person_id, role) values (:p, :r)")
                    .param("p", id)
                    .param("r", role)
                    .update();
        }
        return id;
    }

    private static RequestPostProcessor as(long personId, PlatformRole... roles) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .build();
        return oidcLogin()
                .oidcUser(new PortalUser(
                        new DefaultOidcUser(List.of(), token),
                        personId,
                        "Person " + personId,
                        roles.length == 0 ? Set.of(PlatformRole.TRAINEE) : Set.of(roles)));
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request, int expected) throws Exception {
        return mvc.perform(request)
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String location(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }
}
