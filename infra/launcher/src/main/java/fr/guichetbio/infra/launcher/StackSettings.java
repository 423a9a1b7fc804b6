package fr.guichetbio.infra.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the stack's artifacts are, where it keeps its state, and the ports it uses.
 *
 * @param stackDir the launcher's build output: the Elasticsearch distribution, the plugin zip, the portal and
 *     identity provider jars
 * @param workDir state kept between runs (data, logs, generated demo secrets)
 * @param configuredDatabase a PostgreSQL given by configuration, used as is
 * @param recreateDatabase drop and create the database at start (tests)
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
        Optional<Database> configuredDatabase) {

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
                Optional.empty());
    }

    /** Integration tests: free ports, a fresh database, state under the given folder. */
    public static StackSettings forTests(Path stackDir, Path workDir) {
        return new StackSettings(
                stackDir,
                workDir,
                Probes.freePort(),
                Probes.freePort(),
                Probes.freePort(),
                Probes.freePort(),
                Probes.freePort(),
                "guichet_it",
                true,
                false,
                Optional.empty());
    }

    /** Elasticsearch's transport port sits 100 above its HTTP port (9200 → 9300), as in its own defaults. */
    public static int transportPortFor(int httpPort) {
        return httpPort + 100;
    }
}
