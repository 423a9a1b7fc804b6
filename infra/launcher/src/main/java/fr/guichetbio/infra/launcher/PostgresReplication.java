package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A private PostgreSQL primary and its streaming replica ({@link Topology#postgresReplica()}), both from the machine's
 * binaries under the work folder ({@code postgres-primary/}, {@code postgres-replica/}), and the controls of the
 * database drills: stop, kill, start or restart the primary, promote the replica, read the replica's lag.
 *
 * <p>The replica is a {@code pg_basebackup -R} of the primary on the first free port above it, with a physical
 * replication slot so that the primary keeps the WAL the replica has not received yet. A second start reuses both; it
 * makes the replica again when the primary is not the one it was copied from (re-created) or when it was promoted.
 * The portal's URL lists both servers with {@code targetServerType=primary}: after a promotion its new connections
 * reach the new primary.
 */
public final class PostgresReplication {

    /** The replica's name on the primary: its replication slot and {@code application_name}. */
    static final String REPLICA_NAME = "guichet_replica";

    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(60);

    private final PrivatePostgres primary;
    private final PrivatePostgres replica;
    private final String databaseName;
    private final boolean recreateDatabase;
    private volatile boolean promoted;

    PostgresReplication(Path serverDir, String databaseName, boolean recreateDatabase, int primaryPort)
            throws IOException {
        this.primary = new PrivatePostgres("postgresql-primary", serverDir.resolve("postgres-primary"), primaryPort);
        this.replica = new PrivatePostgres(
                "postgresql-replica", serverDir.resolve("postgres-replica"), freePortAbove(primaryPort));
        this.databaseName = databaseName;
        this.recreateDatabase = recreateDatabase;
    }

    /** Starts the primary, makes or reuses the replica, starts it and returns once it streams. */
    Database start(Progress progress) throws IOException, InterruptedException, SQLException {
        if (!primary.initialised()) {
            primary.init(progress);
        }
        primary.start(primarySettings(), progress);
        if (replicaMustBeMade()) {
            makeReplica(progress);
        } else {
            ensureSlot();
        }
        replica.start(replicaSettings(), progress);
        Probes.await("PostgreSQL replica streaming", STREAMING_TIMEOUT, replica::isRunning, this::streaming);
        progress.step(
                "PostgreSQL: %s:%d streams from the primary %s:%d",
                PrivatePostgres.HOST, replica.port(), PrivatePostgres.HOST, primary.port());
        PostgresProvider.ensureDatabase(primary.serverUrl(), databaseName, recreateDatabase);
        return new Database(
                url(),
                PrivatePostgres.SUPERUSER,
                "",
                "private primary %s:%d + streaming replica %s:%d under %s"
                        .formatted(
                                PrivatePostgres.HOST,
                                primary.port(),
                                PrivatePostgres.HOST,
                                replica.port(),
                                primary.folder().getParent()));
    }

    /** Both servers, the primary first: new connections go to whichever is primary now. */
    public String url() {
        return "jdbc:postgresql://%s:%d,%s:%d/%s?targetServerType=primary&hostRecheckSeconds=2"
                .formatted(PrivatePostgres.HOST, primary.port(), PrivatePostgres.HOST, replica.port(), databaseName);
    }

    /**
     * For reads that accept a few seconds of lag: the replica, or the primary while the replica is down
     * ({@code preferSecondary}).
     */
    public String readUrl() {
        return "jdbc:postgresql://%s:%d,%s:%d/%s?targetServerType=preferSecondary&hostRecheckSeconds=2"
                .formatted(PrivatePostgres.HOST, replica.port(), PrivatePostgres.HOST, primary.port(), databaseName);
    }

    /** The replica alone (read-only until promoted). */
    public String replicaUrl() {
        return replica.serverUrl() + databaseName;
    }

    public String primaryUrl() {
        return primary.serverUrl() + databaseName;
    }

    public String username() {
        return PrivatePostgres.SUPERUSER;
    }

    public int primaryPort() {
        return primary.port();
    }

    public int replicaPort() {
        return replica.port();
    }

    /** Fast shutdown of the primary: its sessions end at once, the portal's connections break. */
    public void stopPrimary() {
        primary.stop("fast");
    }

    /** The primary quits without a checkpoint, as in a crash ({@code pg_ctl stop -m immediate}). */
    public void killPrimary() {
        primary.stop("immediate");
    }

    /** Starts the primary again (refused after a promotion: there would be two primaries). */
    public void startPrimary() throws IOException, InterruptedException {
        if (promoted) {
            throw new IllegalStateException("The replica was promoted: starting the old primary would make two");
        }
        primary.start(primarySettings(), Progress.silent());
    }

    public void restartPrimary() throws IOException, InterruptedException {
        stopPrimary();
        startPrimary();
    }

    /** Makes the replica a primary ({@code pg_promote}), waiting until it accepts writes. */
    public void promoteReplica() throws SQLException {
        try (Connection connection = replica.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet done = statement.executeQuery("SELECT pg_promote(true, 60)")) {
            if (!done.next() || !done.getBoolean(1)) {
                throw new IllegalStateException("The replica was not promoted within 60 s (see "
                        + replica.folder().resolve("postgresql.log") + ")");
            }
        }
        promoted = true;
    }

    public boolean primaryUp() {
        return primary.isRunning() && primary.acceptsConnections();
    }

    public boolean replicaUp() {
        return replica.isRunning() && replica.acceptsConnections();
    }

    /** Whether the primary sees the replica streaming ({@code pg_stat_replication}). */
    public boolean streaming() {
        return replicationState().isPresent();
    }

    /** How many bytes of WAL the replica has yet to replay; empty when it is not streaming from the primary. */
    public OptionalLong replicaLagBytes() {
        return replicationState().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private Optional<Long> replicationState() {
        try (Connection connection = primary.connect("postgres");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0) FROM pg_stat_replication"
                                + " WHERE application_name = ? AND state = 'streaming'")) {
            query.setString(1, REPLICA_NAME);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    public List<ManagedProcess> processes() {
        return Stream.of(primary, replica)
                .flatMap(server -> server.process().stream())
                .filter(ManagedProcess::isAlive)
                .toList();
    }

    /** The replica first: a primary stopped before its replica waits for it to receive the last WAL. */
    void stop() {
        replica.stop("fast");
        primary.stop("fast");
    }

    /** Made again when missing, promoted (no standby.signal) or copied from another primary than this one. */
    private boolean replicaMustBeMade() throws IOException, InterruptedException {
        return !replica.initialised()
                || !replica.data().resolve("standby.signal").toFile().exists()
                || !replica.systemIdentifier().equals(primary.systemIdentifier());
    }

    private void makeReplica(Progress progress) throws IOException, InterruptedException, SQLException {
        progress.step("PostgreSQL: copying the primary into a replica (pg_basebackup) in %s", replica.data());
        ElasticsearchNode.deleteRecursively(replica.data());
        dropSlot();
        Files.createDirectories(replica.folder());
        Unprivileged.handOver(replica.folder());
        replica.runTool(
                "pg_basebackup",
                List.of(
                        "-h",
                        PrivatePostgres.HOST,
                        "-p",
                        Integer.toString(primary.port()),
                        "-U",
                        PrivatePostgres.SUPERUSER,
                        "-D",
                        replica.data().toString(),
                        "-R",
                        "-X",
                        "stream",
                        "-C",
                        "-S",
                        REPLICA_NAME));
    }

    private void dropSlot() throws SQLException {
        try (Connection connection = primary.connect("postgres");
                PreparedStatement drop = connection.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            drop.setString(1, REPLICA_NAME);
            drop.execute();
        }
    }

    private void ensureSlot() throws SQLException {
        try (Connection connection = primary.connect("postgres");
                PreparedStatement create =
                        connection.prepareStatement("SELECT pg_create_physical_replication_slot(?) WHERE NOT EXISTS"
                                + " (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)")) {
            create.setString(1, REPLICA_NAME);
            create.setString(2, REPLICA_NAME);
            create.execute();
        }
    }

    private static List<String> primarySettings() {
        return List.of("wal_level=replica", "max_wal_senders=10", "max_replication_slots=10");
    }

    /** On every start, since the primary's port may change between runs (the tests take free ports). */
    private List<String> replicaSettings() {
        return List.of(
                "primary_conninfo=host=%s port=%d user=%s application_name=%s"
                        .formatted(PrivatePostgres.HOST, primary.port(), PrivatePostgres.SUPERUSER, REPLICA_NAME),
                "primary_slot_name=" + REPLICA_NAME,
                "hot_standby=on",
                // Long reads on the replica are not cancelled by the primary's vacuum.
                "hot_standby_feedback=on");
    }

    private static int freePortAbove(int port) {
        for (int candidate = port + 1; candidate < Math.min(65536, port + 100); candidate++) {
            if (Probes.canListen(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free port above " + port + " for the PostgreSQL replica");
    }
}
