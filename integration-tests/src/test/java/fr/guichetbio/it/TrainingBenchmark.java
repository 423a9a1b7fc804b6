package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichetbio.infra.launcher.ManagedProcess;
import fr.guichetbio.infra.launcher.Stack;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.demo.DemoCourses;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark (profile {@code benchmarks}, not part of the default {@code verify}) of issue 16's load target: with 200
 * concurrent learners on this machine, the lesson page's p95 within 50 ms and the quiz submission's within 100 ms.
 *
 * <p>On the real stack (the run command's portal: {@code -Xmx512m}, serial GC, the demo courses), not timed: 200
 * learners sign up on the development identity provider's own sign-up page (its in-memory test accounts; nothing is
 * added to the launcher or to production settings), sign in through the OpenID Connect flow ({@link PortalSession})
 * and enrol in every demo course. Then 200 virtual users, one per learner, run at once for a warm-up and then the
 * measured duration. Each one walks the six courses in turn, starting at a different one: it reads every lesson of
 * the course in order, and at every second course it visits (or the next one, when that course's quiz was submitted
 * already in this run) it starts a quiz attempt, opens the quiz and submits the
 * form as a browser would (questions unanswered: the attempt is graded all the same, as a failure). A failed attempt
 * holds the quiz of that course for five minutes, so a learner submits at most once per course in a run: six
 * courses, a submission every second course, about one course every 8 s at the default pace, give each learner 4 to
 * 6 submissions over warm-up and run, and keep submissions coming until the end. Between two requests a learner pauses
 * for a random time, uniform between 0 and twice {@code guichet.benchmark.training.think-ms} (default 1,000 ms: a
 * learner clicking every second, far faster than anyone reads, which makes 200 learners about 200 requests a second);
 * {@code -Dguichet.benchmark.training.think-ms=0} gives a closed loop without pause (the portal's saturation).
 *
 * <p>Timed, each request alone (redirects are not followed): the lesson page ({@code GET
 * /formation/cours/{code}/lecons/{lesson}}), starting an attempt ({@code POST .../quiz/tentatives}), the quiz page and
 * the submission ({@code POST .../quiz/reponses}, answered by a redirect to the result). Prints p50/p95/p99,
 * throughput and errors of each with the targets, and writes the table to {@code target/training-benchmark.txt}. No
 * assertion on times (machines differ); the test fails only on a wrong answer: a 5xx, an unexpected status or page.
 *
 * <p>Properties: {@code guichet.benchmark.learners} (200), {@code guichet.benchmark.training.seconds} (60), {@code
 * guichet.benchmark.training.warm-up-seconds} (20), {@code guichet.benchmark.training.think-ms} (1,000), {@code
 * guichet.benchmark.training.jfr} (a file: records a JFR profile of the portal during the measured run, with {@code
 * jcmd}).
 */
@ExtendWith(RunningStack.class)
class TrainingBenchmark {

    private static final int LEARNERS = Integer.getInteger("guichet.benchmark.learners", 200);
    private static final Duration RUN =
            Duration.ofSeconds(Integer.getInteger("guichet.benchmark.training.seconds", 60));
    /**
     * The portal is a JVM started for the benchmark: its hot paths are compiled during the first tens of seconds of
     * load (see {@link SearchBenchmark}).
     */
    private static final Duration WARM_UP =
            Duration.ofSeconds(Integer.getInteger("guichet.benchmark.training.warm-up-seconds", 20));

    private static final int THINK_MS = Integer.getInteger("guichet.benchmark.training.think-ms", 1000);
    /** A quiz at every second course visited (see the class comment). */
    private static final int QUIZ_EVERY = 2;

    private static final String PASSWORD = "benchmark-password";
    private static final int SETUP_THREADS = 8;

    private static final String LESSON = "lesson page";
    private static final String START = "quiz start";
    private static final String QUIZ = "quiz page";
    private static final String SUBMIT = "quiz submission";
    private static final List<String> OPERATIONS = List.of(LESSON, START, QUIZ, SUBMIT);
    /** Issue 16's targets, p95 in milliseconds. */
    private static final Map<String, Double> TARGETS = Map.of(LESSON, 50.0, SUBMIT, 100.0);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private record Course(String code, List<String> lessons) {}

    /** A signed-in learner: the portal's cookies and the session's CSRF token. */
    private record Learner(int index, String username, String cookies, String csrf) {}

    /** Latencies (ns) of the measured run, per operation; errors over the whole load, warm-up included. */
    private static final class Recorder {
        final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
        final List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());

        void record(String operation, long nanos) {
            latencies
                    .computeIfAbsent(operation, key -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(nanos);
        }

        void error(String operation, String what, int status) {
            errors.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
            if (status >= 500) {
                serverErrors
                        .computeIfAbsent(operation, key -> new AtomicInteger())
                        .incrementAndGet();
            }
            if (firstErrors.size() < 20) {
                firstErrors.add(operation + ": " + what);
            }
        }

        int errors(String operation) {
            return errors.getOrDefault(operation, new AtomicInteger()).get();
        }

        int serverErrors(String operation) {
            return serverErrors.getOrDefault(operation, new AtomicInteger()).get();
        }
    }

    @Test
    void twoHundredLearnersReadLessonsAndSubmitQuizzes(Stack stack) throws Exception {
        portalUrl = stack.portalUrl();
        List<Course> courses = DemoCourses.all().stream()
                .map(course -> new Course(
                        course.content().code(),
                        course.content().lessons().stream()
                                .map(CourseContent.Lesson::key)
                                .toList()))
                .toList();

        // Not timed: accounts, sign-ins, enrolments.
        long setupStart = System.nanoTime();
        List<Learner> learners = signUpAndSignIn(stack, LEARNERS);
        // The demo courses are published once the portal is up.
        Learner first = learners.getFirst();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        courses.stream().allMatch(course -> status(first, "/formation/cours/" + course.code()) == 200));
        parallel(learners, learner -> {
            for (Course course : courses) {
                HttpResponse<String> enrolled =
                        send(learner, post(learner, "/formation/cours/" + course.code() + "/inscription", Map.of()));
                assertThat(enrolled.statusCode())
                        .as("enrolment of %s in %s", learner.username(), course.code())
                        .isBetween(300, 399);
            }
        });
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%d learners signed up, signed in and enrolled in %d courses in %.0f s%n",
                learners.size(),
                courses.size(),
                setupSeconds);

        // The load: warm-up, then the measured run.
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        long measureFrom = start + WARM_UP.toNanos();
        long stopAt = measureFrom + RUN.toNanos();
        String jfr = System.getProperty("guichet.benchmark.training.jfr", "");
        ExecutorService users = Executors.newFixedThreadPool(learners.size());
        List<Future<?>> running = new ArrayList<>();
        Map<String, AtomicInteger> submissions = new ConcurrentHashMap<>();
        for (Learner learner : learners) {
            running.add(users.submit(() -> {
                learn(learner, courses, recorder, measureFrom, stopAt, submissions);
                return null;
            }));
        }
        // The portal's CPU time over the measured run, from /proc (Linux): what the requests cost it.
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        long portalPid = portal(stack).pid();
        double cpuBefore = cpuSeconds(portalPid);
        if (!jfr.isBlank()) {
            jcmd(
                    stack,
                    "JFR.start",
                    "name=training-benchmark",
                    "settings=profile",
                    "filename=" + Path.of(jfr).toAbsolutePath());
        }
        for (Future<?> user : running) {
            user.get();
        }
        users.shutdown();
        double portalCpu = cpuSeconds(portalPid) - cpuBefore;
        if (!jfr.isBlank()) {
            jcmd(stack, "JFR.stop", "name=training-benchmark");
        }

        String table = table(recorder, learners.size(), courses.size(), submissions, portalCpu);
        System.out.print(table);
        Path out = Path.of("target", "training-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);

        // Correctness only: every answer as expected, no server error.
        assertThat(recorder.firstErrors).as("unexpected answers").isEmpty();
        for (String operation : OPERATIONS) {
            assertThat(recorder.serverErrors(operation)).as(operation + " 5xx").isZero();
        }
        assertThat(recorder.latencies.getOrDefault(LESSON, List.of())).isNotEmpty();
        assertThat(recorder.latencies.getOrDefault(SUBMIT, List.of())).isNotEmpty();
    }

    /** One learner's loop: the courses in turn from their own, every lesson, a quiz at every second course. */
    private void learn(
            Learner learner,
            List<Course> courses,
            Recorder recorder,
            long measureFrom,
            long stopAt,
            Map<String, AtomicInteger> submissions)
            throws InterruptedException {
        Set<String> submitted = new HashSet<>();
        int next = learner.index() % courses.size();
        int visits = 0;
        // A quiz falls due at every second course visited; when it falls on a course already submitted in this run
        // (six courses, an even step: every other round), it moves to the next course visited.
        boolean quizDue = false;
        // Spread the first requests over a second or two rather than 200 at the same instant.
        think();
        while (System.nanoTime() < stopAt) {
            Course course = courses.get(next);
            next = (next + 1) % courses.size();
            visits++;
            for (String lesson : course.lessons()) {
                if (System.nanoTime() >= stopAt) {
                    return;
                }
                timed(
                        recorder,
                        LESSON,
                        learner,
                        get(learner, lessonPath(course, lesson)),
                        measureFrom,
                        stopAt,
                        page -> page.statusCode() == 200 && page.body().contains("id=\"lesson-body\""));
                think();
            }
            quizDue |= visits % QUIZ_EVERY == 0;
            if (!quizDue || !submitted.add(course.code()) || System.nanoTime() >= stopAt) {
                continue;
            }
            quizDue = false;
            String quiz = "/formation/cours/" + course.code() + "/quiz";
            HttpResponse<String> started = timed(
                    recorder,
                    START,
                    learner,
                    post(learner, quiz + "/tentatives", Map.of()),
                    measureFrom,
                    stopAt,
                    answer -> redirectsTo(answer, quiz));
            think();
            if (started == null) {
                continue;
            }
            HttpResponse<String> page = timed(
                    recorder,
                    QUIZ,
                    learner,
                    get(learner, quiz),
                    measureFrom,
                    stopAt,
                    answer -> answer.statusCode() == 200 && answer.body().contains("name=\"jeton\""));
            think();
            if (page == null) {
                continue;
            }
            HttpResponse<String> result = timed(
                    recorder,
                    SUBMIT,
                    learner,
                    post(learner, quiz + "/reponses", formData(page)),
                    measureFrom,
                    stopAt,
                    answer -> redirectsTo(answer, quiz + "/resultats/"));
            if (result != null) {
                submissions
                        .computeIfAbsent(course.code(), key -> new AtomicInteger())
                        .incrementAndGet();
            }
            think();
        }
    }

    private static String lessonPath(Course course, String lesson) {
        return "/formation/cours/" + course.code() + "/lecons/" + lesson;
    }

    private static boolean redirectsTo(HttpResponse<String> answer, String path) {
        return answer.statusCode() >= 300
                && answer.statusCode() < 400
                && answer.headers().firstValue("Location").orElse("").contains(path);
    }

    /** The quiz form's fields as a browser sends them with nothing answered (selects keep their first option). */
    private static Map<String, List<String>> formData(HttpResponse<String> quizPage) {
        Document document = Jsoup.parse(quizPage.body(), quizPage.uri().toString());
        Element questions = document.getElementById("questions");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (questions instanceof FormElement form) {
            for (var field : form.formData()) {
                fields.computeIfAbsent(field.key(), key -> new ArrayList<>()).add(field.value());
            }
        }
        fields.remove("_csrf");
        return fields;
    }

    /**
     * Sends a request; records its time when it started within the measured run; counts it as an error unless the
     * answer is the expected one. Returns the answer, or null on error.
     */
    private HttpResponse<String> timed(
            Recorder recorder,
            String operation,
            Learner learner,
            HttpRequest request,
            long measureFrom,
            long stopAt,
            java.util.function.Predicate<HttpResponse<String>> expected) {
        long begin = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            recorder.error(operation, learner.username() + " " + request.uri().getPath() + ": " + e, 0);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        long nanos = System.nanoTime() - begin;
        if (begin >= measureFrom && begin < stopAt) {
            recorder.record(operation, nanos);
        }
        if (!expected.test(answer)) {
            recorder.error(
                    operation,
                    learner.username() + " " + request.method() + " "
                            + request.uri().getPath() + " → "
                            + answer.statusCode() + " "
                            + answer.headers().firstValue("Location").orElse(""),
                    answer.statusCode());
            return null;
        }
        return answer;
    }

    private static void think() throws InterruptedException {
        if (THINK_MS > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(2 * THINK_MS + 1));
        }
    }

    // ---- Setting up: accounts, sessions, enrolments.

    /** Signs up {@code count} learners on the identity provider, then signs each one in to the portal. */
    private static List<Learner> signUpAndSignIn(Stack stack, int count) throws Exception {
        List<Integer> indexes =
                java.util.stream.IntStream.range(0, count).boxed().toList();
        Learner[] learners = new Learner[count];
        // A tag per run: the identity provider keeps its accounts until it stops, whatever the database.
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        parallel(indexes, index -> {
            String username = String.format(Locale.ROOT, "bench-%s-%03d", run, index);
            PortalSession.signUp(
                    stack.identityProviderUrl(),
                    username,
                    String.format(Locale.ROOT, "Apprenant %03d", index),
                    username + "@benchmark.example",
                    PASSWORD);
        });
        // One sign-in at a time: the identity provider's in-memory authorization store (Spring Authorization
        // Server's InMemoryOAuth2AuthorizationService) is not safe for concurrent code exchanges — 8 at once threw
        // ConcurrentModificationException in its findByToken and the portal showed ?loginError.
        for (int index : indexes) {
            String username = String.format(Locale.ROOT, "bench-%s-%03d", run, index);
            PortalSession session = PortalSession.signIn(stack.portalUrl(), username, PASSWORD);
            learners[index] = new Learner(index, username, session.cookieHeader(), session.csrfToken());
        }
        return Arrays.asList(learners);
    }

    private interface Step<T> {
        void run(T item) throws Exception;
    }

    private static <T> void parallel(List<T> items, Step<T> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    step.run(item);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The status of a page, 0 when the portal does not answer. */
    private int status(Learner learner, String path) {
        try {
            return send(learner, get(learner, path)).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private HttpResponse<String> send(Learner learner, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest get(Learner learner, String path) {
        return HttpRequest.newBuilder(URI.create(portalUrl + path))
                .header("Accept", "text/html")
                .header("Cookie", learner.cookies())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    private HttpRequest post(Learner learner, String path, Map<String, ?> fields) {
        List<String> pairs = new ArrayList<>();
        pairs.add("_csrf=" + URLEncoder.encode(learner.csrf(), StandardCharsets.UTF_8));
        fields.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object one : values) {
                pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
            }
        });
        return HttpRequest.newBuilder(URI.create(portalUrl + path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", learner.cookies())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                .build();
    }

    private String portalUrl;

    // ---- Profiling and the table.

    private static ManagedProcess portal(Stack stack) {
        return stack.processes().stream()
                .filter(process -> process.name().equals("portal"))
                .findFirst()
                .orElseThrow();
    }

    /** User plus system CPU time of a process, in seconds, from {@code /proc/<pid>/stat} (NaN elsewhere). */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command name in parentheses: state is field 3, utime 14 and stime 15, in clock ticks.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Runs {@code jcmd} against the stack's portal (this JVM's own jcmd: the stack runs the same JDK). */
    private static void jcmd(Stack stack, String... command) throws Exception {
        ManagedProcess portal = portal(stack);
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(portal.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        System.out.println("jcmd " + String.join(" ", command) + ": " + output.strip());
    }

    private static String table(
            Recorder recorder, int learners, int courses, Map<String, AtomicInteger> submissions, double portalCpu) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "%nTraining benchmark — %s — %d learners at once, %d s measured after %d s of warm-up,"
                        + " a pause of 0–%d ms between a learner's requests; %d CPUs (%s)%n",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                learners,
                RUN.toSeconds(),
                WARM_UP.toSeconds(),
                2 * THINK_MS,
                Runtime.getRuntime().availableProcessors(),
                cpuModel()));
        // The machine may be shared: its load says how much of the CPUs the portal had.
        table.append(String.format(Locale.ROOT, "  load average at the end (1, 5, 15 min): %s%n", loadAverage()));
        long measured = OPERATIONS.stream()
                .mapToLong(operation ->
                        recorder.latencies.getOrDefault(operation, List.of()).size())
                .sum();
        table.append(String.format(
                Locale.ROOT,
                "  portal CPU over the measured run: %.1f s in %d s (%.2f CPUs), %.1f ms per request%n",
                portalCpu,
                RUN.toSeconds(),
                portalCpu / RUN.toSeconds(),
                measured == 0 ? Double.NaN : portalCpu * 1000 / measured));
        table.append(String.format(
                Locale.ROOT,
                "  %-16s %9s %7s %8s %8s %8s %8s %12s%n",
                "request",
                "requests",
                "errors",
                "per s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "target p95"));
        for (String operation : OPERATIONS) {
            List<Long> sorted = new ArrayList<>(recorder.latencies.getOrDefault(operation, List.of()));
            sorted.sort(null);
            Double target = TARGETS.get(operation);
            double p95 = percentile(sorted, 0.95);
            table.append(String.format(
                    Locale.ROOT,
                    "  %-16s %9d %7d %8.1f %8.1f %8.1f %8.1f %12s%n",
                    operation,
                    sorted.size(),
                    recorder.errors(operation),
                    sorted.size() / (double) RUN.toSeconds(),
                    percentile(sorted, 0.50),
                    p95,
                    percentile(sorted, 0.99),
                    target == null
                            ? ""
                            : String.format(Locale.ROOT, "≤ %.0f %s", target, p95 <= target ? "met" : "MISSED")));
        }
        table.append(String.format(
                Locale.ROOT,
                "  submissions per course (warm-up included): %s%n",
                submissions.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining(", "))));
        table.append(
                String.format(Locale.ROOT, "  (errors count the whole load, warm-up included; %d courses)%n", courses));
        if (!recorder.firstErrors.isEmpty()) {
            table.append("  first errors:").append(System.lineSeparator());
            recorder.firstErrors.forEach(
                    error -> table.append("    ").append(error).append(System.lineSeparator()));
        }
        return table.toString();
    }

    private static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
