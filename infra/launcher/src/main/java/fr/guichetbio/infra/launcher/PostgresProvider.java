package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a PostgreSQL for the portal, in this order: a URL from configuration; the local service at 127.0.0.1:5432
 * (creating the database if missing); a private server started from the machine's PostgreSQL binaries under the work
 * folder. When none of these is possible it says what to install.
 */
final class PostgresProvider {

    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = 5432;
    private static final String SUPERUSER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path folder;
    private final String databaseName;
    private final boolean recreate;
    private final int privatePort;
    private ManagedProcess privateServer;

    PostgresProvider(Path folder, String databaseName, boolean recreate, int privatePort) {
        if (!DATABASE_NAME.matcher(databaseName).matches()) {
            throw new IllegalArgumentException("Not a plain PostgreSQL database name: " + databaseName);
        }
        this.folder = folder;
        this.databaseName = databaseName;
        this.recreate = recreate;
        this.privatePort = privatePort;
    }

    Database provide(Optional<Database> configured, boolean forcePrivate, Progress progress)
            throws IOException, InterruptedException, SQLException {
        if (configured.isPresent()) {
            Database database = configured.get();
            try (Connection ignored =
                    DriverManager.getConnection(database.url(), database.username(), database.password())) {
                progress.step("PostgreSQL: using the configured database %s", database.url());
                return database;
            }
        }
        if (!forcePrivate && Probes.listening(LOCAL_HOST, LOCAL_PORT)) {
            progress.step("PostgreSQL: using the local service at %s:%d", LOCAL_HOST, LOCAL_PORT);
            return ensureDatabase(LOCAL_PORT, "local service");
        }
        startPrivateServer(progress);
        return ensureDatabase(privatePort, "private server under " + folder);
    }

    private Database ensureDatabase(int port, String origin) throws SQLException {
        String server = "jdbc:postgresql://" + LOCAL_HOST + ":" + port + "/";
        try (Connection connection = DriverManager.getConnection(server + "postgres", SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            if (recreate) {
                statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
            }
            if (!exists(connection)) {
                statement.execute("CREATE DATABASE " + databaseName);
            }
        }
        return new Database(server + databaseName, SUPERUSER, "", origin);
    }

    private boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, databaseName);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void startPrivateServer(Progress progress) throws IOException, InterruptedException {
        Path bin = binaries()
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL reachable at " + LOCAL_HOST + ":"
                        + LOCAL_PORT + " and no PostgreSQL server binaries found under /usr/lib/postgresql."
                        + " Install them (e.g. apt-get install postgresql) or set GUICHET_DATABASE_URL."));
        if (Probes.listening(LOCAL_HOST, privatePort)) {
            throw new IllegalStateException("Port " + privatePort + " is in use; cannot start a private PostgreSQL.");
        }
        Path data = folder.resolve("data");
        Path sockets = folder.resolve("sockets");
        Files.createDirectories(sockets);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            progress.step("PostgreSQL: creating a private cluster in %s", data);
            Files.createDirectories(data);
            Unprivileged.handOver(folder);
            Process init = new ProcessBuilder(Unprivileged.command(List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            SUPERUSER,
                            "--auth=trust",
                            "--encoding=UTF8",
                            "--locale=C.UTF-8")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            folder.resolve("initdb.log").toFile()))
                    .start();
            if (init.waitFor() != 0) {
                throw new IllegalStateException("initdb failed; see " + folder.resolve("initdb.log"));
            }
        }
        Unprivileged.handOver(folder);
        progress.step("PostgreSQL: starting a private server on %s:%d", LOCAL_HOST, privatePort);
        privateServer = ManagedProcess.start(
                "postgresql",
                Unprivileged.command(List.of(
                        bin.resolve("postgres").toString(),
                        "-D",
                        data.toString(),
                        "-p",
                        Integer.toString(privatePort),
                        "-h",
                        LOCAL_HOST,
                        "-k",
                        sockets.toString())),
                folder,
                Map.of(),
                folder.resolve("postgresql.log"));
        Probes.await("PostgreSQL", Duration.ofSeconds(60), privateServer::isAlive, this::acceptsConnections);
    }

    private boolean acceptsConnections() {
        String url = "jdbc:postgresql://" + LOCAL_HOST + ":" + privatePort + "/postgres";
        try (Connection ignored = DriverManager.getConnection(url, SUPERUSER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The newest PostgreSQL server binaries of the machine (Debian layout). */
    private static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(
                            bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    Optional<ManagedProcess> privateServer() {
        return Optional.ofNullable(privateServer);
    }

    void stop() {
        if (privateServer != null) {
            privateServer.stop();
        }
    }
}
