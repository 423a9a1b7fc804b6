package fr.guichetbio.portal.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.boot.SpringApplication;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throwaway database on the real PostgreSQL of the machine (127.0.0.1:5432, as CI starts it), created for a test
 * class and dropped when the test JVM exits. Liquibase migrates it when the application context starts.
 *
 * <p>Use from a {@code @DynamicPropertySource} method: {@code TestDatabase.register(registry)}.
 */
public final class TestDatabase {

    private static final String SERVER =
            System.getProperty("guichet.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("guichet.test.postgres.user", "postgres");

    private TestDatabase() {}

    /** Creates a fresh database and points the test's datasource at it. */
    public static void register(DynamicPropertyRegistry registry) {
        String name = create();
        registry.add("spring.datasource.url", () -> SERVER + name);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.liquibase.enabled", () -> "true");
        // The test context cache keeps one application (and one pool) per configuration: small pools that hold no
        // idle connections keep the whole suite well under PostgreSQL's default 100 connections.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }

    /** The JDBC URL of the database {@code name} (from {@link #create()}). */
    public static String url(String name) {
        return SERVER + name;
    }

    /** Creates an empty database, dropped at JVM exit; returns its name. */
    public static String create() {
        String name =
                "guichet_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("create database " + name);
        // Dropped once the applications are closed: Spring Boot runs its shutdown handlers after closing the contexts
        // of the JVM. A JVM shutdown hook of its own would run beside theirs and drop the database under an
        // application still closing, whose last query (Modulith's incomplete event publications) then waited for a
        // connection to a database that is gone, 30 s, until Surefire killed the fork.
        SpringApplication.getShutdownHandlers().add(() -> execute("drop database if exists " + name + " with (force)"));
        return name;
    }

    /** A data source on a database of {@link #create()}, for tests that migrate or inspect it without Spring. */
    public static DataSource dataSource(String name) {
        return new DriverManagerDataSource(SERVER + name, USER, "");
    }

    /** A fresh database migrated by the portal's master changelog (training's tables included), without Spring. */
    public static JdbcClient migrated() {
        DataSource dataSource = dataSource(create());
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
        liquibase.setResourceLoader(new DefaultResourceLoader());
        try {
            liquibase.afterPropertiesSet();
        } catch (LiquibaseException e) {
            throw new IllegalStateException(e);
        }
        return JdbcClient.create(dataSource);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + SERVER + " is needed for this test (start it: see README, Troubleshooting): "
                            + e.getMessage(),
                    e);
        }
    }
}
