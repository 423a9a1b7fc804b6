package fr.guichetbio.it;

import fr.guichetbio.infra.launcher.StackSettings;
import fr.guichetbio.infra.launcher.Topology;
import java.nio.file.Path;

/**
 * Starts the clustered stack once for the whole test run ({@link Topology#CLUSTER}: three Elasticsearch nodes, a
 * PostgreSQL primary with a streaming replica, two portals behind the launcher's load balancer, two indexer workers),
 * as {@code infra/run --cluster} does, on free ports; stops it after the last test. Test classes get it as a
 * {@code Stack} parameter, like {@link RunningStack}'s single stack, which can run beside it.
 */
public final class RunningCluster extends RunningStack {

    @Override
    protected StackSettings settings() {
        // Beside the single stack's state (target/it-work): its own Elasticsearch data and logs.
        Path workDir = Path.of(System.getProperty("guichet.work.dir", "target/it-work"))
                .toAbsolutePath()
                .resolveSibling("it-cluster-work");
        return StackSettings.forTests(stackDir(), workDir)
                .with(Topology.CLUSTER, System.getProperty("guichet.it.database", "guichet_it") + "_cluster");
    }
}
