package fr.guichetbio.it;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.demo.DemoCourses;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Virtual users on one or more portals, each a virtual thread looping a mix of what people do, with think time:
 * visitors search (judged queries, facets), open listings and courses; trainees (signed up on the identity provider,
 * signed in) read lessons, enrol and submit each course's quiz once; editors (the demo CDMO member) change an open
 * slot of their own site through the listing editor's form (adding one first on a site without). Each user is bound to one portal, round robin;
 * signed-in users only to the portals where sign-in works ({@link Target#signIn}). Every request is timed per action
 * in a {@link LoadReport}; an answer other than 2xx/3xx, a redirect to the sign-in, an unexpected page or an
 * exception is an error.
 */
final class PortalLoad {

    /**
     * A portal to load.
     *
     * @param signIn whether users can sign in there: the identity provider sends them back to the one URL it knows (the
     *     stack's address: the single portal, or the load balancer in front of the replicas, which share their
     *     sessions), so a replica reached on its own port serves only anonymous users
     */
    record Target(String url, boolean signIn) {}

    /**
     * A site the editor may change, {@code /organisations/{slug}/sites/{key}}, and whether it has an open slot yet
     * (without one, the editor's first edit adds it).
     */
    record EditableSite(String path, boolean hasSlot) {}

    static final String SEARCH = "search page";
    static final String SEARCH_API = "search API";
    static final String LISTING = "listing page";
    static final String COURSE = "course page";
    static final String LESSON = "lesson page";
    static final String ENROL = "enrolment";
    static final String QUIZ_START = "quiz start";
    static final String QUIZ_PAGE = "quiz page";
    static final String QUIZ_SUBMIT = "quiz submission";
    static final String EDIT_FORM = "slot form";
    static final String EDIT_SAVE = "slot edit";

    private static final String PASSWORD = "load-drill-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Facet filters as the search page's checkboxes send them, alone or with a query. */
    private static final List<String> FACETS = List.of(
            "modalite=MAB",
            "modalite=AAV&stade=CLINICAL_EARLY",
            "stade=COMMERCIAL&echelle=2000_10000",
            "service=FILL_FINISH",
            "region=84",
            "modalite=CELL_THERAPY&region=11",
            "tri=volume",
            "tri=disponibilite&modalite=RECOMBINANT_PROTEIN");

    private final List<Target> targets;
    private final String identityProviderUrl;
    private final DemoAccount editor;
    private final List<EditableSite> sites;
    private final Duration think;
    private final LoadReport report = new LoadReport();
    private double seconds;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private List<String> queries;
    private List<String> listings;
    private List<CourseContent> courses;

    PortalLoad(
            List<Target> targets,
            String identityProviderUrl,
            DemoAccount editor,
            List<EditableSite> sites,
            Duration think) {
        if (targets.stream().noneMatch(Target::signIn)) {
            throw new IllegalArgumentException("No portal where users can sign in among " + targets);
        }
        this.targets = List.copyOf(targets);
        this.identityProviderUrl = identityProviderUrl;
        this.editor = editor;
        this.sites = List.copyOf(sites);
        this.think = think;
    }

    /** A user's identity on its portal: cookies and CSRF token when signed in (empty for visitors). */
    private record User(String portal, String name, String cookies, String csrf) {}

    /**
     * Signs the users in (not timed), then runs {@code users} virtual users for {@code duration} and returns what they
     * did. One user in ten edits (at most one per site: two editors of one site would refuse each other's
     * version), three in ten are trainees, the others visitors.
     */
    LoadReport run(int users, Duration duration) throws Exception {
        discoverContent();
        int editors = Math.min(sites.size(), (users + 9) / 10);
        int trainees = Math.max(1, users * 3 / 10);
        int visitors = users - editors - trainees;
        if (visitors < 1) {
            throw new IllegalArgumentException("Too few users for the mix: " + users);
        }
        List<Target> signInTargets = targets.stream().filter(Target::signIn).toList();
        List<User> signedIn = signIn(trainees, editors, signInTargets);
        System.out.printf(
                Locale.ROOT,
                "Load: %d users (%d visitors, %d trainees, %d editors) for %s on %s, think time up to %d ms%n",
                users,
                visitors,
                trainees,
                editors,
                duration,
                targets.stream().map(Target::url).toList(),
                2 * think.toMillis());

        long start = System.nanoTime();
        long stopAt = start + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int v = 0; v < visitors; v++) {
                User visitor = new User(targets.get(v % targets.size()).url(), "visitor-" + v, "", "");
                running.add(threads.submit(() -> {
                    loop(stopAt, () -> visit(visitor));
                    return null;
                }));
            }
            for (int t = 0; t < trainees; t++) {
                User trainee = signedIn.get(t);
                Set<String> submitted = new HashSet<>();
                running.add(threads.submit(() -> {
                    loop(stopAt, () -> learn(trainee, submitted));
                    return null;
                }));
            }
            for (int e = 0; e < editors; e++) {
                User member = signedIn.get(trainees + e);
                EditableSite site = sites.get(e);
                boolean[] hasSlot = {site.hasSlot()};
                running.add(threads.submit(() -> {
                    loop(stopAt, () -> hasSlot[0] = edit(member, site, hasSlot[0]));
                    return null;
                }));
            }
            for (Future<?> user : running) {
                user.get();
            }
        }
        seconds = (System.nanoTime() - start) / 1e9;
        return report;
    }

    /** How long the users of the last {@link #run} ran, their last requests included. */
    double seconds() {
        return seconds;
    }

    private interface Step {
        void run() throws InterruptedException;
    }

    private void loop(long stopAt, Step step) throws InterruptedException {
        // Spread the first requests rather than every user at the same instant.
        pause();
        while (System.nanoTime() < stopAt) {
            step.run();
            pause();
        }
    }

    // ---- What each kind of user does in one round.

    private void visit(User user) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int pick = random.nextInt(100);
        if (pick < 35) {
            String query = "q=" + encode(queries.get(random.nextInt(queries.size())));
            String facets = FACETS.get(random.nextInt(FACETS.size()));
            String parameters = switch (random.nextInt(3)) {
                case 0 -> query;
                case 1 -> facets;
                default -> query + "&" + facets;
            };
            send(SEARCH, user, get(user, "/recherche?" + parameters), page -> true);
        } else if (pick < 45) {
            String query = "q=" + encode(queries.get(random.nextInt(queries.size())));
            send(SEARCH_API, user, get(user, "/api/search?" + query + "&taille=10"), page -> true);
        } else if (pick < 80) {
            send(LISTING, user, get(user, listings.get(random.nextInt(listings.size()))), page -> true);
        } else {
            CourseContent course = courses.get(random.nextInt(courses.size()));
            send(COURSE, user, get(user, "/formation/cours/" + course.code()), page -> true);
        }
    }

    /** A course page, then one of its lessons; the first time, enrolment; once per course and run, its quiz. */
    private void learn(User user, Set<String> submitted) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        CourseContent course = courses.get(random.nextInt(courses.size()));
        String path = "/formation/cours/" + course.code();
        if (send(COURSE, user, get(user, path), page -> true) == null) {
            return;
        }
        pause();
        List<CourseContent.Lesson> lessons = course.lessons();
        String lesson =
                path + "/lecons/" + lessons.get(random.nextInt(lessons.size())).key();
        HttpResponse<String> read = send(LESSON, user, get(user, lesson), page -> true);
        if (read != null && read.statusCode() != 200) {
            // Not enrolled yet: the lesson sends to the course page.
            send(ENROL, user, post(user, path + "/inscription", Map.of()), page -> true);
            pause();
            send(LESSON, user, get(user, lesson), page -> page.statusCode() == 200);
        }
        if (!submitted.add(course.code())) {
            return;
        }
        // The portal holds a course's quiz for a while after a submission: once per course in a run.
        pause();
        String quiz = path + "/quiz";
        if (send(QUIZ_START, user, post(user, quiz + "/tentatives", Map.of()), redirectsTo(quiz)) == null) {
            return;
        }
        HttpResponse<String> page =
                send(QUIZ_PAGE, user, get(user, quiz), answer -> answer.body().contains("name=\"jeton\""));
        if (page == null) {
            return;
        }
        pause();
        send(
                QUIZ_SUBMIT,
                user,
                post(user, quiz + "/reponses", formData(page, "questions")),
                redirectsTo(quiz + "/resultats/"));
    }

    /**
     * The editor's form of the site's first open slot, saved back with a new note (a new version of the listing); on
     * a site without a slot, the form of a new slot instead. Returns whether the site has a slot now.
     */
    private boolean edit(User user, EditableSite site, boolean hasSlot) throws InterruptedException {
        String path = site.path() + (hasSlot ? "/creneaux/0" : "/creneaux/nouveau");
        HttpResponse<String> form = send(EDIT_FORM, user, get(user, path), page -> page.statusCode() == 200);
        if (form == null) {
            return hasSlot;
        }
        Map<String, List<String>> fields = formData(form, "slot-form");
        if (!hasSlot) {
            LocalDate from = LocalDate.now().plusMonths(2);
            fields.put("from", List.of(from.toString()));
            fields.put("to", List.of(from.plusMonths(1).toString()));
            fields.put("modality", List.of("MAB"));
            fields.put("slots", List.of("1"));
        }
        fields.put("noteFr", List.of("Charge " + System.nanoTime()));
        pause();
        return send(EDIT_SAVE, user, post(user, path, fields), page -> page.statusCode() >= 300) != null || hasSlot;
    }

    // ---- Requests.

    /**
     * Sends and times a request; an error unless the answer is 2xx or 3xx (not a redirect to the sign-in) and
     * {@code expected}. Returns the answer, or null on error.
     */
    private HttpResponse<String> send(
            String action, User user, HttpRequest request, Predicate<HttpResponse<String>> expected)
            throws InterruptedException {
        long begin = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            report.error(action, user.portal(), user.name() + " " + request.method() + " " + request.uri() + ": " + e);
            return null;
        }
        report.record(action, user.portal(), System.nanoTime() - begin);
        int status = answer.statusCode();
        String location = answer.headers().firstValue("Location").orElse("");
        if (status < 200 || status >= 400 || location.contains("/oauth2/authorization") || !expected.test(answer)) {
            report.error(
                    action,
                    user.portal(),
                    user.name() + " " + request.method() + " " + request.uri() + " → " + status + " " + location
                            + shown(answer));
            return null;
        }
        return answer;
    }

    /** What an unexpected page said: its title and first alert, to tell a refusal from an error page. */
    private static String shown(HttpResponse<String> answer) {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(answer.body());
        org.jsoup.nodes.Element alert = page.selectFirst(".fr-alert");
        return " [" + page.title() + (alert == null ? "" : " | " + alert.text()) + "]";
    }

    private static Predicate<HttpResponse<String>> redirectsTo(String path) {
        return answer -> answer.statusCode() >= 300
                && answer.headers().firstValue("Location").orElse("").contains(path);
    }

    private HttpRequest get(User user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(user.portal() + path))
                .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (!user.cookies().isEmpty()) {
            request.header("Cookie", user.cookies());
        }
        return request.build();
    }

    private HttpRequest post(User user, String path, Map<String, ?> fields) {
        List<String> pairs = new ArrayList<>();
        pairs.add("_csrf=" + encode(user.csrf()));
        fields.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object one : values) {
                pairs.add(encode(name) + "=" + encode(String.valueOf(one)));
            }
        });
        return HttpRequest.newBuilder(URI.create(user.portal() + path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", user.cookies())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                .build();
    }

    /** The fields of the form of id {@code formId} as a browser sends them untouched, without the CSRF token. */
    private static Map<String, List<String>> formData(HttpResponse<String> page, String formId) {
        Element form = Jsoup.parse(page.body(), page.uri().toString()).getElementById(formId);
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        if (form instanceof FormElement formElement) {
            for (var field : formElement.formData()) {
                fields.computeIfAbsent(field.key(), key -> new ArrayList<>()).add(field.value());
            }
        }
        fields.remove("_csrf");
        return fields;
    }

    private void pause() throws InterruptedException {
        long millis = think.toMillis();
        if (millis > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2 * millis + 1));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- Setting up (not timed).

    /** The judged queries, the public listings as the search API lists them, the demo courses. */
    private void discoverContent() throws IOException, InterruptedException {
        queries = RelevanceJudgments.load().stream()
                .map(RelevanceJudgments.Judged::query)
                .toList();
        HttpResponse<String> search = http.send(
                HttpRequest.newBuilder(URI.create(targets.getFirst().url() + "/api/search?taille=100&facettes=non"))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (search.statusCode() != 200) {
            throw new IllegalStateException("The search API answered " + search.statusCode() + ": " + search.body());
        }
        List<String> found = new ArrayList<>();
        for (JsonNode result : JSON.readTree(search.body()).path("results")) {
            found.add(result.path("url").asString());
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("The search API lists no listing: is the catalogue indexed?");
        }
        listings = List.copyOf(found);
        courses = DemoCourses.all().stream().map(course -> course.content()).toList();
    }

    /**
     * Signs up the trainees on the identity provider, then signs in the trainees and the editors one at a time (the
     * development identity provider's in-memory authorization store is not safe for concurrent code exchanges, see
     * {@link TrainingBenchmark}), each on a sign-in portal in turn.
     */
    private List<User> signIn(int trainees, int editors, List<Target> signInTargets) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<String> names = IntStream.range(0, trainees)
                .mapToObj(t -> String.format(Locale.ROOT, "load-%s-%03d", run, t))
                .toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> signUps = new ArrayList<>();
            for (String name : names) {
                signUps.add(threads.submit(() -> {
                    PortalSession.signUp(
                            identityProviderUrl, name, "Stagiaire " + name, name + "@load.example", PASSWORD);
                    return null;
                }));
            }
            for (Future<?> signUp : signUps) {
                signUp.get();
            }
        }
        List<User> users = new ArrayList<>();
        for (int i = 0; i < trainees + editors; i++) {
            String portal = signInTargets.get(i % signInTargets.size()).url();
            boolean trainee = i < trainees;
            String name = trainee ? names.get(i) : editor.username();
            PortalSession session = PortalSession.signIn(portal, name, trainee ? PASSWORD : editor.password());
            users.add(new User(
                    portal, trainee ? name : name + "-" + (i - trainees), session.cookieHeader(), session.csrfToken()));
        }
        return users;
    }
}
