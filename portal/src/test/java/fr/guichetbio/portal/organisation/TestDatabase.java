package fr.guichetbio.portal.organisation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway database on the local PostgreSQL service (127.0.0.1:5432, user postgres), created once per test JVM
 * and dropped when it exits; the application's Liquibase changelog builds the schema at context start.
 */
final class TestDatabase {

    private static final String SERVER =
            System.getProperty("guichet.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");

    private static final String NAME =
            "guichet_test_org_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static boolean created;

    private TestDatabase() {}

    static synchronized String url() {
        if (!created) {
            execute("create database " + NAME);
            created = true;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> execute("drop database if exists " + NAME + " with (force)")));
        }
        return SERVER + NAME;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL on " + SERVER + " is needed by this test: " + e.getMessage(), e);
        }
    }
}
