package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a PostgreSQL for the portal, in this order: a URL from configuration; the local service at 127.0.0.1:5432
 * (creating the database if missing); a private server started from the machine's PostgreSQL binaries under the work
 * folder. When none of these is possible it says what to install.
 */
final class PostgresProvider {

    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = 5432;
    private static final String SUPERUSER = PrivatePostgres.SUPERUSER;
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path folder;
    private final String databaseName;
    private final boolean recreate;
    private final int privatePort;
    private PrivatePostgres privateServer;

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
        ensureDatabase(server, databaseName, recreate);
        return new Database(server + databaseName, SUPERUSER, "", origin);
    }

    /** Creates the database on the server if missing; drops it first when {@code recreate}. */
    static void ensureDatabase(String serverUrl, String databaseName, boolean recreate) throws SQLException {
        if (!DATABASE_NAME.matcher(databaseName).matches()) {
            throw new IllegalArgumentException("Not a plain PostgreSQL database name: " + databaseName);
        }
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            if (recreate) {
                statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
            }
            if (!exists(connection, databaseName)) {
                statement.execute("CREATE DATABASE " + databaseName);
            }
        }
    }

    private static boolean exists(Connection connection, String databaseName) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, databaseName);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void startPrivateServer(Progress progress) throws IOException, InterruptedException {
        if (PrivatePostgres.binaries().isEmpty()) {
            throw new IllegalStateException("No PostgreSQL reachable at " + LOCAL_HOST + ":" + LOCAL_PORT
                    + " and no PostgreSQL server binaries found under /usr/lib/postgresql."
                    + " Install them (e.g. apt-get install postgresql) or set GUICHET_DATABASE_URL.");
        }
        privateServer = new PrivatePostgres("postgresql", folder, privatePort);
        if (!privateServer.initialised()) {
            privateServer.init(progress);
        }
        privateServer.start(List.of(), progress);
    }

    Optional<ManagedProcess> privateServer() {
        return Optional.ofNullable(privateServer).flatMap(PrivatePostgres::process);
    }

    void stop() {
        if (privateServer != null) {
            privateServer.stop("fast");
        }
    }
}
