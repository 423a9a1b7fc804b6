package fr.guichetbio.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real servers from the machine's binaries (a few seconds): skipped where PostgreSQL is not installed. */
class PostgresReplicationTest {

    private static final String DATABASE = "guichet_replication_test";

    @Test
    void theReplicaStreamsThePrimarysWritesTakesOverWhenPromotedAndIsMadeAgainAtTheNextStart() throws Exception {
        assumeThat(PrivatePostgres.binaries()).isPresent();
        // Under target/ (not a private temporary folder): the servers run as 'nobody' when the build runs as root.
        Path serverDir = Path.of("target/postgres-replication-test").toAbsolutePath();
        ElasticsearchNode.deleteRecursively(serverDir);
        Files.createDirectories(serverDir);
        int primaryPort = Probes.freePort();

        PostgresReplication servers = new PostgresReplication(serverDir, DATABASE, true, primaryPort);
        try {
            Database database = servers.start(Progress.silent());
            assertThat(database.url())
                    .isEqualTo("jdbc:postgresql://127.0.0.1:%d,127.0.0.1:%d/%s?targetServerType=primary"
                                    .formatted(primaryPort, servers.replicaPort(), DATABASE)
                            + "&hostRecheckSeconds=2");
            assertThat(servers.streaming()).isTrue();
            execute(database.url(), "CREATE TABLE drill (id int PRIMARY KEY)", "INSERT INTO drill VALUES (1)");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> count(servers.replicaUrl()) == 1);
            assertThat(servers.replicaLagBytes()).isPresent();
            assertThatThrownBy(() -> execute(servers.replicaUrl(), "INSERT INTO drill VALUES (2)"))
                    .hasMessageContaining("read-only");

            servers.killPrimary();
            assertThat(servers.primaryUp()).isFalse();
            assertThat(servers.streaming()).isFalse();
            servers.promoteReplica();
            // The same multi-host URL now reaches the promoted replica, which accepts writes.
            execute(database.url(), "INSERT INTO drill VALUES (2)");
            assertThat(count(database.url())).isEqualTo(2);
            assertThatThrownBy(servers::startPrimary).hasMessageContaining("promoted");
        } finally {
            servers.stop();
        }

        // The promoted replica is no standby any more: the next start copies the primary again.
        PostgresReplication again = new PostgresReplication(serverDir, DATABASE, false, primaryPort);
        try {
            Database database = again.start(Progress.silent());
            assertThat(again.streaming()).isTrue();
            assertThat(count(database.url())).isEqualTo(1);
            assertThat(count(again.replicaUrl())).isEqualTo(1);
        } finally {
            again.stop();
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long count(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM drill")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
