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
                9300,
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

    public StackSettings withPorts(int portal, int identityProvider, int elasticsearch) {
        return new StackSettings(
                stackDir,
                workDir,
                portal,
                identityProvider,
                elasticsearch,
                elasticsearch + 100,
                privatePostgresPort,
                databaseName,
                recreateDatabase,
                forcePrivatePostgres,
                configuredDatabase);
    }

    public StackSettings withPrivatePostgresPort(int port) {
        return new StackSettings(
                stackDir,
                workDir,
                portalPort,
                identityProviderPort,
                elasticsearchPort,
                elasticsearchTransportPort,
                port,
                databaseName,
                recreateDatabase,
                forcePrivatePostgres,
                configuredDatabase);
    }

    public StackSettings withWorkDir(Path folder) {
        return new StackSettings(
                stackDir,
                folder,
                portalPort,
                identityProviderPort,
                elasticsearchPort,
                elasticsearchTransportPort,
                privatePostgresPort,
                databaseName,
                recreateDatabase,
                forcePrivatePostgres,
                configuredDatabase);
    }

    public StackSettings withPrivatePostgres() {
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
                true,
                configuredDatabase);
    }

    public StackSettings withDatabase(Database database) {
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
                Optional.of(database));
    }
}
