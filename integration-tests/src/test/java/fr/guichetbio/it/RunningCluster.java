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
        return StackSettings.forTests(
                        stackDir(), Path.of(System.getProperty("guichet.cluster.work.dir", "target/it-cluster-work")))
                .with(Topology.CLUSTER, System.getProperty("guichet.it.database", "guichet_it") + "_cluster");
    }
}
