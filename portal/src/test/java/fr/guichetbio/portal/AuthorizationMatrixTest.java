package fr.guichetbio.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestImages;
import fr.guichetbio.training.assessment.Assessor;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.assessment.QuizAttempts;
import fr.guichetbio.training.assessment.Submission;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseFiles;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.path.BioproductionRole;
import fr.guichetbio.training.path.LearningPath;
import fr.guichetbio.training.path.LearningPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation matrix: every route of the portal (from the application's own request mappings) × every kind
 * of actor, with the expected status from {@code authorization-matrix.csv}. Runs against a real PostgreSQL; each case
 * runs in a transaction rolled back afterwards, so a case that wrongly changed something cannot hide another.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            // Limits are tested on their own (RateLimiterTest); here hundreds of cases come from one address.
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class AuthorizationMatrixTest {

    private static final String MATRIX = "authorization-matrix.csv";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    enum Actor {
        ANONYMOUS,
        TRAINEE,
        MEMBER,
        ORG_ADMIN,
        OTHER_ADMIN,
        PLATFORM_ADMIN,
        API_OWN,
        API_OTHER
    }

    /** Whose objects fill a placeholder: organisation A's or organisation B's. */
    enum Side {
        A,
        B
    }

    record Row(String method, String path, Map<Actor, String> expected) {
        String route() {
            return method + " " + path;
        }
    }

    @Test
    void everyRouteHasARowAndEveryRowARoute() throws IOException {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> routes.addAll(routesOf(info)));
        Set<String> rows = new TreeSet<>();
        matrix().forEach(row -> rows.add(row.route()));

        assertThat(rows).as("routes without a row in " + MATRIX).containsAll(routes);
        assertThat(routes).as("rows of " + MATRIX + " naming no route").containsAll(rows);
    }

    @TestFactory
    Stream<DynamicTest> everyActorGetsTheExpectedAnswerOnEveryRoute() throws IOException {
        List<DynamicTest> cases = new ArrayList<>();
        for (Row row : matrix()) {
            row.expected().forEach((actor, expected) -> {
                if (!expected.equals("-")) {
                    cases.add(DynamicTest.dynamicTest(
                            row.route() + " as " + actor + " → " + expected,
                            () -> assertThat(inRolledBackTransaction(row, actor))
                                    .as("%s as %s", row.route(), actor)
                                    .isEqualTo(Integer.parseInt(expected))));
                }
            });
        }
        return cases.stream();
    }

    /**
     * Cross-organisation references (IDOR): every route that names an organisation by its slug and one of its objects
     * is tried with the slug of one organisation and the objects of the other, by an admin of the slug's organisation —
     * who may act on their own organisation but must not reach the other's site, evidence, invitation, member, API
     * client or import job through it. Where a route names a site and an object of that site, the other
     * organisation's object is also tried under the admin's own site. Each must answer 404.
     */
    @TestFactory
    Stream<DynamicTest> anotherOrganisationsObjectsAreNotFoundThroughAnOrganisationsRoutes() throws IOException {
        List<DynamicTest> cases = new ArrayList<>();
        for (Row row : matrix()) {
            if (!row.path().contains("{slug}") || !Fixture.namesAnObject(row.path())) {
                continue;
            }
            cases.add(mixedCase(row, Actor.OTHER_ADMIN, Side.B, Side.A, Side.A));
            cases.add(mixedCase(row, Actor.ORG_ADMIN, Side.A, Side.B, Side.B));
            if (row.path().contains("{key}") && Fixture.namesAnObjectOfASite(row.path())) {
                cases.add(mixedCase(row, Actor.ORG_ADMIN, Side.A, Side.A, Side.B));
            }
        }
        assertThat(cases).as("mixed cases").hasSizeGreaterThan(20);
        return cases.stream();
    }

    private DynamicTest mixedCase(Row row, Actor actor, Side slug, Side site, Side objects) {
        String name = "%s as %s with %s's slug, %s's site, %s's objects → 404"
                .formatted(row.route(), actor, slug, site, objects);
        return DynamicTest.dynamicTest(name, () -> {
            TransactionTemplate template = new TransactionTemplate(transactions);
            int status = template.execute(transaction -> {
                transaction.setRollbackOnly();
                Fixture fixture = Fixture.create(jdbc);
                try {
                    return mvc.perform(request(row, actor, fixture, fixture.fill(row.path(), slug, site, objects)))
                            .andReturn()
                            .getResponse()
                            .getStatus();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(status).as(name).isEqualTo(404);
        });
    }

    private int inRolledBackTransaction(Row row, Actor actor) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        return template.execute(status -> {
            status.setRollbackOnly();
            Fixture fixture = Fixture.create(jdbc);
            try {
                return mvc.perform(request(row, actor, fixture))
                        .andReturn()
                        .getResponse()
                        .getStatus();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private MockHttpServletRequestBuilder request(Row row, Actor actor, Fixture fixture) {
        return request(row, actor, fixture, fixture.fill(row.path()));
    }

    private MockHttpServletRequestBuilder request(Row row, Actor actor, Fixture fixture, String path) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(row.method()), path);
        if (!row.method().equals("GET")) {
            request.with(csrf());
        }
        if (row.path().startsWith("/api/")
                && !row.method().equals("GET")
                && !row.path().startsWith("/api/oauth")) {
            request.contentType("application/json").content("{}");
        }
        return switch (actor) {
            case ANONYMOUS -> request;
            case TRAINEE -> request.with(signedIn(fixture.trainee, EnumSet.noneOf(PlatformRole.class)));
            case MEMBER -> request.with(signedIn(fixture.member, EnumSet.of(PlatformRole.CDMO_MEMBER)));
            case ORG_ADMIN ->
                request.with(signedIn(fixture.orgAdmin, EnumSet.of(PlatformRole.SPONSOR, PlatformRole.INSTRUCTOR)));
            case OTHER_ADMIN ->
                request.with(
                        signedIn(fixture.otherAdmin, EnumSet.of(PlatformRole.CDMO_MEMBER, PlatformRole.INSTRUCTOR)));
            case PLATFORM_ADMIN -> request.with(signedIn(fixture.platformAdmin, EnumSet.of(PlatformRole.ADMIN)));
            case API_OWN -> request.header("Authorization", "Bearer " + fixture.token(mvc, fixture.organisationA));
            case API_OTHER -> request.header("Authorization", "Bearer " + fixture.token(mvc, fixture.organisationB));
        };
    }

    /**
     * A signed-in person as a real browser is: the security context in the HTTP session, as the OIDC login leaves it
     * (so the stateless API chain, which reads no session, sees nobody).
     */
    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(
            long personId, Set<PlatformRole> roles) {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .claim("name", "Person " + personId)
                .build();
        PortalUser user =
                new PortalUser(new DefaultOidcUser(List.of(), idToken), personId, "Person " + personId, roles);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new OAuth2AuthenticationToken(user, user.getAuthorities(), "guichet"));
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        return request -> {
            request.setSession(session);
            return request;
        };
    }

    private static List<String> routesOf(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> routes = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            if (pattern.equals("/error")) {
                continue; // the container's error dispatch, not a route
            }
            for (RequestMethod method : methods.isEmpty() ? EnumSet.of(RequestMethod.GET) : methods) {
                routes.add(method.name() + " " + pattern);
            }
        }
        return routes;
    }

    private static List<Row> matrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        String[] header = null;
        for (String line : new ClassPathResource(MATRIX)
                .getContentAsString(StandardCharsets.UTF_8)
                .split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.strip().split(",");
            if (header == null) {
                header = cells;
                continue;
            }
            assertThat(cells).as("cells of: %s", line).hasSameSizeAs(header);
            Map<Actor, String> expected = new java.util.EnumMap<>(Actor.class);
            for (int i = 2; i < cells.length; i++) {
                expected.put(Actor.valueOf(header[i].toUpperCase(java.util.Locale.ROOT)), cells[i].strip());
            }
            assertThat(expected).as("actors of " + MATRIX).hasSize(Actor.values().length);
            rows.add(new Row(cells[0].strip(), cells[1].strip(), expected));
        }
        return rows;
    }

    /** Two organisations and the people around them, created fresh (and rolled back) for each case. */
    static final class Fixture {

        static final String INVITATION_TOKEN = "matrix-invitation-token-0123456789abcdef";
        static final String CLIENT_SECRET = "matrix-client-secret";
        /** Hashed once: a bcrypt hash per case would dominate the run time. */
        static final String CLIENT_SECRET_HASH =
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(CLIENT_SECRET);

        static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

        long organisationA;
        long claim;
        long invitation;
        long identityChange;
        String clientA = "gb_matrix_a";
        String clientB = "gb_matrix_b";
        long organisationB;
        String slugA;
        String siteKeyA = "matrix-site-a";
        /** Site A has one capability, one open slot and one piece of GMP evidence, each at position 0. */
        long siteA;

        long evidenceA;
        /** Organisation B's counterparts of A's objects, for the cross-organisation cases. */
        String slugB = "matrix-b";

        String siteKeyB = "matrix-site-b";
        long evidenceB;
        long invitationB;
        long memberB;
        /** Import jobs: one of each organisation and one of the back office (no organisation). */
        long jobA;

        long jobB;
        long backOfficeJob;
        /** A saved search of the member of A (nobody else's: the others must get a 404). */
        long savedSearch;

        /** A brief of each organisation. */
        long briefA;

        long briefB;
        /**
         * A course of A (published 1.0, in a path of the same code; draft 1.1 open), the trainee enrolled and with a
         * graded attempt.
         */
        static final String COURSE = "matrice";

        /** The trainee's certificate of {@link #COURSE}, expiring in 60 days: its holder may renew it. */
        static final String CERTIFICATE = "matricematricematricematri";

        /** A live share link of the trainee's transcript (43 characters, like a real token). */
        static final String TRANSCRIPT_SHARE = "matricematricematricematricematricematricex";

        UUID attempt;

        /** A's request to B's site: A is the sponsor, B the manufacturer. */
        long requestAB;

        long attachmentAB;

        long trainee;
        long member;
        long orgAdmin;
        long otherAdmin;
        long platformAdmin;
        private final JdbcClient jdbc;

        private Fixture(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        static Fixture create(JdbcClient jdbc) {
            Fixture f = new Fixture(jdbc);
            f.trainee = f.person("trainee");
            f.member = f.person("member");
            f.orgAdmin = f.person("org-admin");
            f.otherAdmin = f.person("other-admin");
            f.platformAdmin = f.person("platform-admin");
            f.jdbc.sql("insert into person_role (person_id, role) values (:p, 'ADMIN')")
                    .param("p", f.platformAdmin)
                    .update();
            f.slugA = "matrix-a";
            // A is a training provider (it owns the course "matrice"): its admin is an instructor, and so is B's,
            // who instructs for no training provider.
            f.organisationA = f.organisation(f.slugA, "TRAINING_PROVIDER");
            f.organisationB = f.organisation(f.slugB, "MANUFACTURER");
            f.memberB = f.person("member-b");
            for (long instructor : new long[] {f.orgAdmin, f.otherAdmin}) {
                f.jdbc.sql("insert into person_role (person_id, role) values (:p, 'INSTRUCTOR')")
                        .param("p", instructor)
                        .update();
            }
            f.membership(f.organisationA, f.member, "MEMBER");
            f.membership(f.organisationA, f.orgAdmin, "ADMIN");
            f.membership(f.organisationB, f.otherAdmin, "ADMIN");
            f.membership(f.organisationB, f.memberB, "MEMBER");
            f.claim = jdbc.sql("""
                            insert into organisation_claim (organisation_id, person_id, justification, status)
                            values (:o, :p, 'A pending claim of the fixture, long enough.', 'PENDING')
                            returning id
                            """)
                    .param("o", f.organisationA)
                    .param("p", f.trainee)
                    .query(Long.class)
                    .single();
            f.invitation = f.invitation(f.organisationA, INVITATION_TOKEN, f.orgAdmin);
            f.invitationB = f.invitation(f.organisationB, INVITATION_TOKEN + "-b", f.otherAdmin);
            f.identityChange = jdbc.sql("""
                            insert into organisation_identity_change (organisation_id, name, proposed_by, status)
                            values (:o, 'Matrix A renamed', :by, 'PENDING') returning id
                            """)
                    .param("o", f.organisationA)
                    .param("by", f.orgAdmin)
                    .query(Long.class)
                    .single();
            f.apiClient(f.clientA, f.organisationA, f.orgAdmin);
            f.apiClient(f.clientB, f.organisationB, f.otherAdmin);
            f.siteA = f.site(f.siteKeyA, f.organisationA);
            f.evidenceA = f.evidenceOf(f.siteA, "MATRIX-GMP-0001");
            long siteB = f.site(f.siteKeyB, f.organisationB);
            f.evidenceB = f.evidenceOf(siteB, "MATRIX-GMP-0002");
            f.jobA = f.importJob(f.organisationA, f.orgAdmin);
            f.jobB = f.importJob(f.organisationB, f.otherAdmin);
            f.backOfficeJob = f.importJob(null, f.platformAdmin);
            f.briefA = f.brief(f.organisationA, f.member);
            f.savedSearch = jdbc.sql("""
                            insert into saved_search (person_id, name, query_string)
                            values (:p, 'Matrix search', 'modalite=MAB') returning id""").param("p", f.member).query(Long.class).single();
            f.briefB = f.brief(f.organisationB, f.memberB);
            f.requestAB = jdbc.sql("""
                            insert into match_request (brief_id, sponsor_organisation_id, manufacturer_organisation_id,
                                site_key, site_name, brief_snapshot, revealed, sent_by)
                            values (:brief, :a, :b, :site, :site, '{"title":"Matrix brief","modality":"MAB"}', false,
                                :by)
                            returning id
                            """)
                    .param("brief", f.briefA)
                    .param("a", f.organisationA)
                    .param("b", f.organisationB)
                    .param("site", f.siteKeyB)
                    .param("by", f.member)
                    .query(Long.class)
                    .single();
            f.attachmentAB = jdbc.sql("""
                            with message as (
                                insert into match_message (request_id, side, author_person_id, kind, body)
                                values (:r, 'SPONSOR', :by, 'SENT', 'Matrix request') returning id)
                            insert into match_attachment (request_id, message_id, side, file_name, size_bytes, sha256,
                                content, uploaded_by)
                            select :r, id, 'SPONSOR', 'piece-jointe-1.pdf', 9, repeat('0', 64),
                                convert_to('%PDF-1.7\n', 'UTF8'), :by from message
                            returning id
                            """)
                    .param("r", f.requestAB)
                    .param("by", f.member)
                    .query(Long.class)
                    .single();
            f.attempt = course(jdbc, f.organisationA, f.trainee);
            return f;
        }

        /** Publishes {@link #COURSE}, enrols the person and records one graded attempt of theirs; returns its id. */
        private static UUID course(JdbcClient jdbc, long provider, long person) {
            CourseContent content = new CourseContent(
                    COURSE,
                    "fr",
                    CourseContent.Level.INTRODUCTORY,
                    "Cours de la matrice",
                    "Un cours pour la matrice des droits.",
                    60,
                    List.of(),
                    List.of("Savoir qui peut quoi"),
                    List.of(new CourseContent.Module(
                            "Module", List.of(new CourseContent.Lesson("lecon", "Leçon", "Texte de la leçon.")))));
            Quiz quiz = new Quiz(
                    List.of(new Question(
                            "question",
                            Set.of("lecon"),
                            "Question ?",
                            "Parce que.",
                            "lecon",
                            new Question.SingleChoice(List.of("Oui", "Non"), 0))),
                    Map.of("lecon", 1),
                    100,
                    3,
                    Duration.ZERO,
                    null);
            Courses courses = new Courses(jdbc);
            long version = courses.draft(provider, 1, 0, content);
            new QuestionBanks(jdbc).save(version, quiz);
            new CourseFiles(jdbc).store(version, "schema.png", TestImages.PNG);
            courses.publishDraft(version, Instant.now());
            // The next version's draft, complete (publishable) for the authoring routes.
            long draft = courses.draft(provider, 1, 1, content);
            new CourseFiles(jdbc).copy(version, draft);
            new QuestionBanks(jdbc).save(draft, quiz);
            new LearningPaths(jdbc)
                    .save(new LearningPath(
                            COURSE,
                            BioproductionRole.QC_ANALYST,
                            "Parcours de la matrice",
                            null,
                            "Savoir.",
                            null,
                            List.of(COURSE)));
            jdbc.sql("""
                            insert into enrolment (person_id, course_id, course_version_id)
                            select :person, course_id, id from course_version where id = :version
                            """).param("person", person).param("version", version).update();
            Assessor assessor = new Assessor(new java.util.Random(7));
            Attempt attempt = assessor.start(person, quiz, List.of(), Instant.now());
            QuizAttempts attempts = new QuizAttempts(jdbc);
            attempts.insert(version, attempt);
            attempts.recordSubmission(assessor.submit(
                    quiz,
                    attempt,
                    new Submission(attempt.id(), attempt.token(), Map.of()),
                    Instant.now(),
                    Locale.FRENCH));
            jdbc.sql("""
                            insert into certificate (id, person_id, holder_name, course_id, course_version_id, score,
                                                     issued_at, valid_until)
                            select :id, :person, 'Trainee', course_id, id, 100, now(), now() + interval '60 days'
                              from course_version where id = :version
                            """)
                    .param("id", CERTIFICATE)
                    .param("person", person)
                    .param("version", version)
                    .update();
            jdbc.sql("insert into transcript_share (token, person_id, created_at) values (:token, :person, now())")
                    .param("token", TRANSCRIPT_SHARE)
                    .param("person", person)
                    .update();
            return attempt.id();
        }

        /** The placeholders that name an object of an organisation (beside the organisation's own slug). */
        private static final Set<String> OBJECTS =
                Set.of("key", "evidenceId", "invitationId", "personId", "clientId", "briefId");

        /** Whether the route names, besides its organisation, one of the organisation's objects. */
        static boolean namesAnObject(String path) {
            Matcher matcher = PLACEHOLDER.matcher(path);
            while (matcher.find()) {
                if (OBJECTS.contains(matcher.group(1)) || isImportJob(path, matcher.group(1))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the route names an object of a site that is told apart by its id (not by its position). */
        static boolean namesAnObjectOfASite(String path) {
            return path.contains("{evidenceId}");
        }

        private static boolean isImportJob(String path, String placeholder) {
            return placeholder.equals("id") && path.contains("/catalogue/import/");
        }

        /** The path with its placeholders replaced by organisation A's objects. */
        String fill(String path) {
            return fill(path, Side.A, Side.A, Side.A);
        }

        /** The path with the slug of one organisation, the site of one and the other objects of one. */
        String fill(String path, Side slug, Side site, Side objects) {
            Matcher matcher = PLACEHOLDER.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(
                        filled, Matcher.quoteReplacement(value(path, matcher.group(1), slug, site, objects)));
            }
            matcher.appendTail(filled);
            return filled.toString();
        }

        private String value(String path, String placeholder, Side slug, Side site, Side objects) {
            boolean a = objects == Side.A;
            return switch (placeholder) {
                case "slug" -> slug == Side.A ? slugA : slugB;
                case "key" -> site == Side.A ? siteKeyA : siteKeyB;
                case "siteId" -> Long.toString(siteA);
                case "evidenceId" -> Long.toString(a ? evidenceA : evidenceB);
                case "index" -> "0";
                case "id" -> Long.toString(idOf(path, placeholder, a));
                case "personId" -> Long.toString(a ? member : memberB);
                case "invitationId" -> Long.toString(a ? invitation : invitationB);
                case "token" -> INVITATION_TOKEN;
                case "clientId" -> a ? clientA : clientB;
                case "briefId" -> Long.toString(a ? briefA : briefB);
                case "requestId" -> Long.toString(requestAB);
                case "attachmentId" -> Long.toString(attachmentAB);
                case "searchId" -> Long.toString(savedSearch);
                case "code" -> COURSE;
                case "lesson" -> "lecon";
                case "name" -> "schema.png";
                case "module" -> "1";
                case "attempt" -> attempt.toString();
                case "certificate" -> CERTIFICATE;
                case "share" -> TRANSCRIPT_SHARE;
                case "dataset" -> "sites-capacites";
                default -> throw new IllegalArgumentException("No fixture value for {" + placeholder + "} in " + path);
            };
        }

        /** {id} names the object of the route's own collection. */
        private long idOf(String path, String placeholder, boolean a) {
            if (path.startsWith("/admin/utilisateurs")) {
                return member;
            }
            if (path.startsWith("/admin/organisations/revendications")) {
                return claim;
            }
            if (path.startsWith("/admin/organisations/identites")) {
                return identityChange;
            }
            if (path.startsWith("/admin/catalogue/import/")) {
                return backOfficeJob;
            }
            if (isImportJob(path, placeholder)) {
                return a ? jobA : jobB;
            }
            return organisationA;
        }

        /** A client-credentials token of the organisation, from the portal's own token endpoint. */
        String token(MockMvc mvc, long organisationId) {
            String clientId = organisationId == organisationA ? clientA : clientB;
            try {
                String body = mvc.perform(MockMvcRequestBuilders.post("/api/oauth/token")
                                .with(httpBasic(clientId, CLIENT_SECRET))
                                .param("grant_type", "client_credentials"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
                Matcher token = ACCESS_TOKEN.matcher(body);
                assertThat(token.find()).as("token response: %s", body).isTrue();
                return token.group(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private long invitation(long organisation, String token, long by) {
            return jdbc.sql("""
                            insert into invitation (organisation_id, email, role, token_hash, invited_by, expires_at)
                            values (:o, 'invited@matrix.example', 'MEMBER', :hash, :by,
                                    current_timestamp + interval '7 days')
                            returning id
                            """)
                    .param("o", organisation)
                    .param("hash", sha256(token))
                    .param("by", by)
                    .query(Long.class)
                    .single();
        }

        /** A public site with one capability, one open slot and one piece of GMP evidence, each at position 0. */
        private long site(String key, long organisation) {
            long site = jdbc.sql("""
                            insert into site (site_key, organisation_id, name, postal_code, city, region_code, country)
                            values (:key, :o, :key, '69007', 'Lyon', '84', 'FR')
                            returning id
                            """)
                    .param("key", key)
                    .param("o", organisation)
                    .query(Long.class)
                    .single();
            jdbc.sql("""
                            insert into capability (site_id, position, modality, services, stages)
                            values (:site, 0, 'AAV', array['UPSTREAM']::varchar(32)[], array['CLINICAL_EARLY']::varchar(32)[])
                            """).param("site", site).update();
            jdbc.sql("""
                            insert into availability_slot (site_id, position, available_from, available_to, modality)
                            values (:site, 0, current_date + 30, current_date + 120, 'AAV')
                            """).param("site", site).update();
            return site;
        }

        private long evidenceOf(long site, String reference) {
            return jdbc.sql("""
                            insert into gmp_evidence (site_id, position, kind, authority, reference, verification)
                            values (:site, 0, 'GMP_CERTIFICATE', 'ANSM', :reference, 'SELF_DECLARED')
                            returning id
                            """)
                    .param("site", site)
                    .param("reference", reference)
                    .query(Long.class)
                    .single();
        }

        /** A finished dry-run import job with an empty report, as the import leaves one. */
        private long importJob(Long organisation, long by) {
            return jdbc.sql("""
                            insert into catalogue_import_job (organisation_id, requested_by, file_name, dry_run, phase,
                                                              report)
                            values (:o, :by, 'matrix.json', true, 'DONE',
                                    cast('{"dryRun":true,"errors":[],"warnings":[],"changes":[]}' as jsonb))
                            returning id
                            """)
                    .param("o", organisation)
                    .param("by", by)
                    .query(Long.class)
                    .single();
        }

        private void apiClient(String clientId, long organisation, long by) {
            jdbc.sql("""
                            insert into api_client (client_id, secret_hash, organisation_id, name, scopes, created_by)
                            values (:id, :hash, :o, :id, 'catalogue:read catalogue:write requests:read', :by)
                            """)
                    .param("id", clientId)
                    .param("hash", CLIENT_SECRET_HASH)
                    .param("o", organisation)
                    .param("by", by)
                    .update();
        }

        private static String sha256(String text) {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private long person(String subject) {
            return jdbc.sql("""
                            insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                            values ('http://localhost:1/issuer', :subject, :subject, :email,
                                    current_timestamp, current_timestamp)
                            returning id
                            """)
                    .param("subject", subject)
                    .param("email", subject + "@matrix.example")
                    .query(Long.class)
                    .single();
        }

        private long brief(long organisation, long author) {
            return jdbc.sql("""
                            insert into brief (organisation_id, created_by, title, modality)
                            values (:o, :p, 'Matrix brief', 'MAB') returning id
                            """)
                    .param("o", organisation)
                    .param("p", author)
                    .query(Long.class)
                    .single();
        }

        private long organisation(String slug, String kind) {
            return jdbc.sql("""
                            insert into organisation (slug, name, kind, website, website_domain, status)
                            values (:slug, :slug, :kind, 'https://matrix.example', 'matrix.example', 'ACTIVE')
                            returning id
                            """)
                    .param("slug", slug)
                    .param("kind", kind)
                    .query(Long.class)
                    .single();
        }

        private void membership(long organisation, long person, String role) {
            jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, :r)")
                    .param("o", organisation)
                    .param("p", person)
                    .param("r", role)
                    .update();
        }
    }
}
