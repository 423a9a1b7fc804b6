package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17's benchmark: requests per second at 8 clients for the public verification page ({@code /verifier/{id}})
 * and the badge JSON ({@code /badges/{id}}), on the stack as the run command starts it (the rate limit lifted, as for
 * the other benchmarks). Each client is a closed loop (a request as soon as the previous answered) with its own HTTP
 * connection. The verification page is measured twice: as anonymous visitors get it (kept rendered per certificate
 * state, the certificate still read at each request) and drawn at every request (a query string bypasses what is
 * kept), for comparison. Prints throughput, p50/p95/p99 and errors with the targets (≥ 1,000 requests/s each), the CPU count and
 * load average, and writes {@code target/certificate-benchmark.txt}. Fails only on a wrong answer, never on times.
 */
@ExtendWith(RunningStack.class)
class CertificateBenchmark {

    private static final int CLIENTS = Integer.getInteger("guichet.benchmark.certificates.clients", 8);
    private static final int SECONDS = Integer.getInteger("guichet.benchmark.certificates.seconds", 20);
    private static final int WARM_UP_SECONDS = Integer.getInteger("guichet.benchmark.certificates.warm-up-seconds", 10);
    private static final double TARGET = 1_000;

    record Result(String label, long requests, long errors, double seconds, long[] nanos) {

        double throughput() {
            return requests / seconds;
        }

        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p / 100 * nanos.length) - 1)] / 1e6;
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %,d | %d | **%,.0f** | %.2f | %.2f | %.2f | ≥ 1,000: %s |%n",
                    label,
                    CLIENTS,
                    requests,
                    errors,
                    throughput(),
                    percentile(50),
                    percentile(95),
                    percentile(99),
                    throughput() >= TARGET ? "met" : "not met");
        }
    }

    @Test
    void verificationPageAndBadgeJson(Stack stack) throws Exception {
        BadgesIT.signIn(stack, "trainee");
        String id = StackCertificates.ofTheTrainee(stack);
        String verify = stack.portalUrl() + "/verifier/" + id;
        String badge = stack.portalUrl() + "/badges/" + id;

        List<Result> results = new ArrayList<>();
        for (String[] route : List.of(
                new String[] {"/verifier/{id}", verify, "text/html", "Léa Dubois"},
                // A query string bypasses the portal's kept pages (VerificationPageCache): the page drawn each time.
                new String[] {"/verifier/{id}?rendu (drawn each time)", verify + "?rendu", "text/html", "Léa Dubois"},
                new String[] {"/badges/{id}", badge, "application/json", "\"jwt\""})) {
            run(route[0] + " (warm-up)", route[1], route[2], route[3], WARM_UP_SECONDS);
            results.add(run(route[0], route[1], route[2], route[3], SECONDS));
        }

        StringBuilder table = new StringBuilder()
                .append(String.format(
                        Locale.ROOT,
                        "Certificate benchmark: %d clients, %d s measured after %d s of warm-up; %d CPUs, load %s%n",
                        CLIENTS,
                        SECONDS,
                        WARM_UP_SECONDS,
                        Runtime.getRuntime().availableProcessors(),
                        Files.readString(Path.of("/proc/loadavg")).strip()))
                .append("| route | clients | requests | errors | per s | p50 ms | p95 ms | p99 ms | target |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        results.forEach(result -> table.append(result.row()));
        System.out.println(table);
        Files.writeString(Path.of("target/certificate-benchmark.txt"), table);
        assertThat(results)
                .allSatisfy(
                        result -> assertThat(result.errors()).as(result.label()).isZero());
    }

    /** CLIENTS closed loops on one URL for the given time; an answer is right when 200 and holding the marker. */
    private static Result run(String label, String url, String accept, String marker, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> clients = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", accept)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build();
                long[] times = new long[1 << 16];
                int count = 0;
                long errors = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - start;
                    if (response.statusCode() != 200 || !response.body().contains(marker)) {
                        errors++;
                    }
                    if (count == times.length) {
                        times = Arrays.copyOf(times, times.length * 2);
                    }
                    times[count++] = took;
                }
                long[] result = Arrays.copyOf(times, count + 1);
                result[count] = errors; // last slot: the error count
                return result;
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> client : clients) {
            all.add(client.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long errors = all.stream().mapToLong(times -> times[times.length - 1]).sum();
        long[] nanos = all.stream()
                .flatMapToLong(times -> Arrays.stream(times, 0, times.length - 1))
                .sorted()
                .toArray();
        return new Result(label, nanos.length, errors, elapsed, nanos);
    }
}
