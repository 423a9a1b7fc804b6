package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer as its own process ({@code java -jar portal.jar --spring.profiles.active=indexer}) next to the stack's
 * portal, whose own outbox worker keeps running: two workers share the outbox. Every edit becomes searchable, both
 * workers take rows, each row is processed by exactly one of them, the indexer serves no HTTP, and it stops on SIGTERM.
 *
 * <p>Edits are made as the catalogue code makes them, in one transaction: the site changes, its version goes up and
 * an outbox row is written.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerProcessIT {

    /** Edits before giving up on seeing both workers: each is taken by whichever worker polls first. */
    private static final int MAX_EDITS = 200;

    private static final int MIN_EDITS = 10;

    private Stack stack;
    private StackCatalogue catalogue;
    private ElasticsearchClient client;

    @BeforeAll
    void connect(Stack stack) {
        this.stack = stack;
        this.catalogue = new StackCatalogue(stack);
        client = ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        // The demo catalogue seeded at the first start is indexed, and no rebuild re-queues rows under our feet.
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> catalogue.publicSiteCount() > 0
                        && catalogue.pendingOutboxRows() == 0
                        && !catalogue.rebuildRunning());
    }

    @AfterAll
    void close() throws Exception {
        client.close();
    }

    @Test
    void aSeparateIndexerProcessSharesTheOutboxWithThePortalsWorker(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("guichet.stack.dir", "../infra/launcher/target/stack"), "portal.jar");
        assertThat(jar)
                .as("build the portal first: ./mvnw -B -q install -DskipTests")
                .exists();
        String name = "indexer-it-" + ProcessHandle.current().pid();
        // Were it a web application, it would listen here.
        int port = StackCatalogue.freePort();
        Path log = dir.resolve("indexer.log");
        Process indexer = new ProcessBuilder(catalogue.portalCommand(
                        jar,
                        "--spring.profiles.active=indexer",
                        "--guichet.indexing.worker-name=" + name,
                        "--server.port=" + port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(indexer.isAlive())
                                .as("indexer exited early:%n%s", tail(log))
                                .isTrue();
                        return Files.readString(log, StandardCharsets.UTF_8)
                                .contains("Outbox worker " + name + " started");
                    });

            List<Long> sites = catalogue.publicSites(5);
            Map<Long, String> processedBy = new LinkedHashMap<>();
            Map<Long, Integer> versions = new HashMap<>();
            for (int i = 0; i < MAX_EDITS && (i < MIN_EDITS || new HashSet<>(processedBy.values()).size() < 2); i++) {
                long site = sites.get(i % sites.size());
                String word = "indexeur" + System.nanoTime();
                StackCatalogue.Edit edit = catalogue.rename(site, "Site " + word);
                versions.put(site, (int) edit.version());
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> StackCatalogue.findsByName(client, word, site));
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> catalogue.processedBy(edit.outboxRow()) != null);
                processedBy.put(edit.outboxRow(), catalogue.processedBy(edit.outboxRow()));
            }

            Set<String> workers = new HashSet<>(processedBy.values());
            assertThat(workers)
                    .as("workers that processed the %d edits", processedBy.size())
                    .contains(name)
                    .hasSize(2);
            // Each row was taken once (for update skip locked) and is still marked by that one worker.
            assertThat(processedByOfRows(processedBy.keySet())).isEqualTo(processedBy);
            // Neither worker overwrote a newer document with an older one: the index holds every site's last version.
            for (Map.Entry<Long, Integer> site : versions.entrySet()) {
                assertThat(StackCatalogue.indexedVersion(client, site.getKey()))
                        .isEqualTo(site.getValue().longValue());
            }
            System.out.printf(
                    "Indexer process: %d edits, %d processed by %s, %d by the portal's worker%n",
                    processedBy.size(),
                    processedBy.values().stream().filter(name::equals).count(),
                    name,
                    processedBy.values().stream().filter(w -> !w.equals(name)).count());

            // No pages, no API, no port.
            assertThatThrownBy(() -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                        }
                    })
                    .isInstanceOf(ConnectException.class);
        } finally {
            indexer.destroy();
            boolean ended = indexer.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                indexer.destroyForcibly();
            }
            // 143 = 128 + SIGTERM: how a JVM reports a stop by SIGTERM once its shutdown hooks have run.
            assertThat(ended && indexer.exitValue() == 143)
                    .as("indexer stopped by SIGTERM: %s%n%s", ended ? indexer.exitValue() : "still running", tail(log))
                    .isTrue();
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("Outbox worker " + name + " stopped");

        // It left nothing locked: the portal's worker alone takes the next edit.
        long site = catalogue.publicSites(1).getFirst();
        String word = "apresarret" + System.nanoTime();
        StackCatalogue.Edit edit = catalogue.rename(site, "Site " + word);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> StackCatalogue.findsByName(client, word, site)
                        && catalogue.processedBy(edit.outboxRow()) != null);
        assertThat(catalogue.processedBy(edit.outboxRow())).isNotEqualTo(name);
    }

    private Map<Long, String> processedByOfRows(Set<Long> rows) throws Exception {
        Map<Long, String> processedBy = new LinkedHashMap<>();
        try (Connection connection = catalogue.connection();
                PreparedStatement statement = connection.prepareStatement(
                        "select id, processed_by from outbox where id = any(?) and processed_at is not null order by id")) {
            Array ids = connection.createArrayOf("bigint", rows.toArray());
            statement.setArray(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    processedBy.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return processedBy;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return output.substring(Math.max(0, output.length() - 8000));
    }
}
