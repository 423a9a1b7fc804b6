package fr.guichetbio.infra.launcher;

/**
 * How many of each process the stack runs. One of each serves development; the cluster is what production looks like
 * on loopback: an Elasticsearch cluster with a replica of every shard, a PostgreSQL primary with a streaming replica,
 * portal replicas behind a round-robin load balancer and indexer workers sharing the outbox.
 *
 * @param elasticsearchNodes 1 (single-node discovery) or 3 and more (a cluster; index replicas = 1)
 * @param postgresReplica a private PostgreSQL primary plus a streaming replica, instead of one server
 * @param portals portal replicas; more than one puts the load balancer on the portal port
 * @param indexerWorkers separate indexer processes ({@code --spring.profiles.active=indexer}); when there is at least
 *     one, the portals run no outbox worker of their own
 */
public record Topology(int elasticsearchNodes, boolean postgresReplica, int portals, int indexerWorkers) {

    /** The run command's default: one of each, the portal indexing itself. */
    public static final Topology SINGLE = new Topology(1, false, 1, 0);

    /** {@code infra/run --cluster} and the cluster drills. */
    public static final Topology CLUSTER = new Topology(3, true, 2, 2);

    public Topology {
        if (elasticsearchNodes != 1 && elasticsearchNodes < 3) {
            throw new IllegalArgumentException(
                    "Elasticsearch runs as 1 node or a cluster of 3 or more (a 2-node cluster loses its master with"
                            + " either node), not " + elasticsearchNodes);
        }
        if (portals < 1 || indexerWorkers < 0) {
            throw new IllegalArgumentException("At least one portal and no negative count of indexer workers");
        }
    }

    public boolean clustered() {
        return !equals(SINGLE);
    }
}
