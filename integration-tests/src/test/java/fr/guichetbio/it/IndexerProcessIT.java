package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueFields;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
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

    private static final String PUBLIC_SITE =
            "o.status = 'ACTIVE' and exists (select 1 from capability pc where pc.site_id = s.id)";
    /** Edits before giving up on seeing both workers: each is taken by whichever worker polls first. */
    private static final int MAX_EDITS = 200;

    private static final int MIN_EDITS = 10;

    private Stack stack;
    private ElasticsearchClient client;

    @BeforeAll
    void connect(Stack stack) {
        this.stack = stack;
        client = ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        // The demo catalogue seeded at the first start is indexed, and no rebuild re-queues rows under our feet.
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> publicSiteCount() > 0 && pendingOutboxRows() == 0 && !rebuildRunning());
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
        int port = freePort();
        Path log = dir.resolve("indexer.log");
        Process indexer = new ProcessBuilder(portalCommand(
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

            List<Long> sites = publicSites(5);
            Map<Long, String> processedBy = new LinkedHashMap<>();
            Map<Long, Integer> versions = new HashMap<>();
            for (int i = 0; i < MAX_EDITS && (i < MIN_EDITS || new HashSet<>(processedBy.values()).size() < 2); i++) {
                long site = sites.get(i % sites.size());
                String word = "indexeur" + System.nanoTime();
                long[] edit = rename(site, "Site " + word);
                versions.put(site, (int) edit[1]);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> findsByName(word, site));
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> processedBy(edit[0]) != null);
                processedBy.put(edit[0], processedBy(edit[0]));
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
                assertThat(indexedVersion(site.getKey()))
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
        long site = publicSites(1).getFirst();
        String word = "apresarret" + System.nanoTime();
        long[] edit = rename(site, "Site " + word);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> findsByName(word, site) && processedBy(edit[0]) != null);
        assertThat(processedBy(edit[0])).isNotEqualTo(name);
    }

    private boolean findsByName(String word, long site) throws Exception {
        return client
                .search(
                        s -> s.index(CatalogueIndexSchema.ALIAS)
                                .query(q -> q.match(
                                        m -> m.field(CatalogueFields.NAME).query(word))),
                        Void.class)
                .hits()
                .hits()
                .stream()
                .anyMatch(hit -> hit.id().equals(Long.toString(site)));
    }

    /** The site's document version in the index (external versioning: the site's version). */
    private long indexedVersion(long site) throws Exception {
        return client.get(g -> g.index(CatalogueIndexSchema.ALIAS).id(Long.toString(site)), Void.class)
                .version();
    }

    /**
     * Renames the site as the catalogue code changes a site: new version and outbox row in one transaction. Returns the
     * outbox row's id and the new version.
     */
    private long[] rename(long site, String name) throws Exception {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            int version;
            try (PreparedStatement update = connection.prepareStatement(
                    "update site set name = ?, version = version + 1 where id = ? returning version")) {
                update.setString(1, name);
                update.setLong(2, site);
                try (ResultSet rs = update.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            long row;
            try (PreparedStatement outbox = connection.prepareStatement(
                    "insert into outbox (aggregate_type, aggregate_id, version) values ('site', ?, ?) returning id")) {
                outbox.setLong(1, site);
                outbox.setInt(2, version);
                try (ResultSet rs = outbox.executeQuery()) {
                    rs.next();
                    row = rs.getLong(1);
                }
            }
            connection.commit();
            return new long[] {row, version};
        }
    }

    /** The worker that processed the outbox row, null while it waits. */
    private String processedBy(long row) throws Exception {
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement(
                        "select processed_by from outbox where id = ? and processed_at is not null")) {
            statement.setLong(1, row);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Map<Long, String> processedByOfRows(Set<Long> rows) throws Exception {
        Map<Long, String> processedBy = new LinkedHashMap<>();
        try (Connection connection = connection();
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

    private List<Long> publicSites(int count) throws Exception {
        List<Long> sites = new ArrayList<>();
        try (Connection connection = connection();
                PreparedStatement statement =
                        connection.prepareStatement("select s.id from site s join organisation o on o.id ="
                                + " s.organisation_id where " + PUBLIC_SITE + " order by s.id limit ?")) {
            statement.setInt(1, count);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getLong(1));
                }
            }
        }
        assertThat(sites).isNotEmpty();
        return sites;
    }

    private boolean rebuildRunning() throws Exception {
        return queryLong("select count(*) from index_rebuild where state = 'RUNNING'") > 0;
    }

    private long publicSiteCount() throws Exception {
        return queryLong(
                "select count(*) from site s join organisation o on o.id = s.organisation_id where " + PUBLIC_SITE);
    }

    private long pendingOutboxRows() throws Exception {
        return queryLong("select count(*) from outbox where processed_at is null");
    }

    private long queryLong(String sql) throws Exception {
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connection() throws Exception {
        return DriverManager.getConnection(
                stack.database().url(),
                stack.database().username(),
                stack.database().password());
    }

    /** The portal jar on the stack's database and Elasticsearch, with {@code arguments} (as SearchBenchmark does). */
    private List<String> portalCommand(Path jar, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                jar.toString(),
                "--spring.datasource.url=" + stack.database().url(),
                "--spring.datasource.username=" + stack.database().username(),
                "--spring.datasource.password=" + stack.database().password(),
                "--spring.elasticsearch.uris=" + stack.elasticsearch().url()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return output.substring(Math.max(0, output.length() - 8000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
