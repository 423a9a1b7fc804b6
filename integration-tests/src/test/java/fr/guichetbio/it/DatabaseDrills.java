package fr.guichetbio.it;

import fr.guichetbio.infra.launcher.Progress;
import fr.guichetbio.infra.launcher.Stack;
import fr.guichetbio.infra.launcher.StackSettings;
import fr.guichetbio.infra.launcher.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * What the PostgreSQL drills share: their own small stack — one Elasticsearch node, a PostgreSQL primary with its
 * streaming replica, one portal — rather than the shared {@link RunningStack} or {@link RunningCluster}, since a drill
 * changes its database servers for good; and visitors that keep asking for pages during the cut and record every
 * answer.
 */
final class DatabaseDrills {

    static final Topology TOPOLOGY = new Topology(1, true, 1, 0);

    private DatabaseDrills() {}

    /** State under {@code target/it-drill-work}; the database is the run's ({@code -Dguichet.it.database}) + _drill. */
    static Stack startStack() throws Exception {
        StackSettings settings = StackSettings.forTests(
                        RunningStack.stackDir(),
                        // Absolute: the servers run in folders of their own.
                        Path.of(System.getProperty("guichet.drill.work.dir", "target/it-drill-work"))
                                .toAbsolutePath())
                .with(TOPOLOGY, System.getProperty("guichet.it.database", "guichet_it") + "_drill");
        return Stack.start(settings, new Progress(System.out));
    }

    /** A request of a page, answering its HTTP status. */
    @FunctionalInterface
    interface Visit {
        int status(String path) throws IOException, InterruptedException;
    }

    /** One answer a visitor got: -1 when none came within the client's timeout. */
    record Answer(Instant at, String who, String path, int status, long millis) {}

    /** Threads that each ask for their pages in turn until closed, about ten times a second. */
    static final class Visitors implements AutoCloseable {

        private static final long PAUSE_NANOS = Duration.ofMillis(100).toNanos();

        private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Visitors visitor(String who, Visit visit, List<String> paths) {
            Thread thread = Thread.ofPlatform().name("visitor-" + who).daemon().start(() -> {
                while (running) {
                    for (String path : paths) {
                        answers.add(visit(who, visit, path));
                        LockSupport.parkNanos(PAUSE_NANOS);
                    }
                }
            });
            threads.add(thread);
            return this;
        }

        private static Answer visit(String who, Visit visit, String path) {
            Instant start = Instant.now();
            int status;
            try {
                status = visit.status(path);
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            }
            return new Answer(
                    start,
                    who,
                    path,
                    status,
                    Duration.between(start, Instant.now()).toMillis());
        }

        List<Answer> answers() {
            return List.copyOf(answers);
        }

        long count(int status) {
            return answers.stream().filter(a -> a.status() == status).count();
        }

        /** Statuses and their counts, e.g. {200=812, 503=64}. */
        Map<Integer, Long> statuses() {
            return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        }

        /** What happened, for the drill's output: answers by status, the 503 window and the slowest answer. */
        String report(Instant cut) {
            List<Answer> unavailable =
                    answers.stream().filter(a -> a.status() == 503).toList();
            String window = unavailable.isEmpty()
                    ? "no 503"
                    : "503s from %.1f s to %.1f s after the cut"
                            .formatted(
                                    seconds(cut, unavailable.getFirst().at()),
                                    seconds(cut, unavailable.getLast().at()));
            long slowest = answers.stream().mapToLong(Answer::millis).max().orElse(0);
            return "answers by status %s; %s; slowest answer %d ms".formatted(statuses(), window, slowest);
        }

        private static double seconds(Instant from, Instant to) {
            return Duration.between(from, to).toMillis() / 1000.0;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
        }
    }
}
