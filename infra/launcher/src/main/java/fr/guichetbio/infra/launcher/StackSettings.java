package fr.guichetbio.infra.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack's artifacts are, where it keeps its state, and the ports it uses.
 *
 * @param stackDir the launcher's build output: the Elasticsearch distribution, the plugin zip, the portal and
 *     identity provider jars
 * @param workDir state kept between runs (data, logs, generated demo secrets)
 * @param configuredDatabase a PostgreSQL given by configuration, used as is
 * @param recreateDatabase drop and create the database at start (tests)
 * @param mailSmtpPort the local mail catcher's SMTP port, given to the portal
 * @param mailApiPort the mail catcher's HTTP API, where mail sent by the portal is read
 * @param portalOverrides extra environment for the portal (tests)
 * @param topology how many Elasticsearch nodes, PostgreSQL servers, portals and indexer workers run
 */
public record StackSettings(
        Path stackDir,
        Path workDir,
        int portalPort,
        int identityProviderPort,
        int elasticsearchPort,
        int elasticsearchTransportPort,
        int privatePostgresPort,
        String databaseName,
        boolean recreateDatabase,
        boolean forcePrivatePostgres,
        Optional<Database> configuredDatabase,
        int mailSmtpPort,
        int mailApiPort,
        Map<String, String> portalOverrides,
        Topology topology) {

    /** The run command's defaults: fixed, documented ports and state under the project's {@code var/}. */
    public static StackSettings localDefaults(Path projectDir) {
        return new StackSettings(
                projectDir.resolve("infra/launcher/target/stack"),
                projectDir.resolve("var"),
                8080,
                9000,
                9200,
                transportPortFor(9200),
                5433,
                "guichet",
                false,
                false,
                Optional.empty(),
                3025,
                8025,
                Map.of(),
                Topology.SINGLE);
    }

    /** Integration tests: free ports, a fresh database, state under the given folder. */
    public static StackSettings forTests(Path stackDir, Path workDir) {
        return new StackSettings(
                stackDir,
                // Absolute: the servers' commands run from their own folders.
                workDir.toAbsolutePath(),
                Probes.freePort(),
                Probes.freePort(),
                Probes.freePort(),
                Probes.freePort(),
                Probes.freePort(),
                // One database per concurrent run on a shared PostgreSQL: -Dguichet.it.database=... (dropped and
                // recreated).
                System.getProperty("guichet.it.database", "guichet_it"),
                true,
                false,
                Optional.empty(),
                Probes.freePort(),
                Probes.freePort(),
                testOverrides(),
                Topology.SINGLE);
    }

    /** The same settings with another topology (e.g. {@link Topology#CLUSTER}) and, for tests, another database. */
    public StackSettings with(Topology topology, String databaseName) {
        return new StackSettings(
                stackDir,
                workDir,
                portalPort,
                identityProviderPort,
                elasticsearchPort,
                elasticsearchTransportPort,
                privatePostgresPort,
                databaseName,
                recreateDatabase,
                forcePrivatePostgres,
                configuredDatabase,
                mailSmtpPort,
                mailApiPort,
                portalOverrides,
                topology);
    }

    private static Map<String, String> testOverrides() {
        Map<String, String> overrides = new java.util.HashMap<>(Map.of(
                // The tests sign in and search dozens of times within a minute, all from 127.0.0.1.
                "GUICHET_RATE_LIMIT_LOGIN_REQUESTS", "10000",
                "GUICHET_RATE_LIMIT_API_REQUESTS", "10000",
                "GUICHET_RATE_LIMIT_SEARCH_REQUESTS", "10000",
                // The certificate benchmark checks a certificate and fetches its badge thousands of times.
                "GUICHET_RATE_LIMIT_VERIFY_REQUESTS", "100000000",
                // Notification e-mails reach the mail catcher within a second or so.
                "GUICHET_MAIL_CHECK_EVERY", "1s"));
        // The dashboards benchmark measures the figures computed at every request with -D…=0s.
        String figuresMaxAge = System.getProperty("guichet.dashboards.figures-max-age");
        if (figuresMaxAge != null) {
            overrides.put("GUICHET_DASHBOARDS_FIGURES_MAX_AGE", figuresMaxAge);
        }
        return Map.copyOf(overrides);
    }

    /** Elasticsearch's transport port sits 100 above its HTTP port (9200 → 9300), as in its own defaults. */
    public static int transportPortFor(int httpPort) {
        return httpPort + 100;
    }
}
