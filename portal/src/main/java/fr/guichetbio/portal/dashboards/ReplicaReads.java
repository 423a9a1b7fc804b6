package fr.guichetbio.portal.dashboards;

import java.util.function.Supplier;

/**
 * Reads that may come from PostgreSQL's streaming replica: the dashboards' figures and the open data, where a few
 * seconds of lag behind the live catalogue do not matter and the aggregates would otherwise load the primary. With
 * {@code guichet.datasource.replica.url} set, the statements run inside {@link #read} go to the replica
 * ({@link ReplicaConfiguration}); unset, everything stays on the primary and {@link #read} changes nothing.
 */
public final class ReplicaReads {

    private static final ThreadLocal<Boolean> ON_REPLICA = new ThreadLocal<>();

    private final boolean configured;

    ReplicaReads(boolean configured) {
        this.configured = configured;
    }

    /** Whether a replica is configured: the pages then say that their figures may lag by a few seconds. */
    public boolean configured() {
        return configured;
    }

    /**
     * Runs the reads on the replica. Only what opens its connection inside (a transaction begun here, a statement
     * outside any transaction) goes there: a transaction already open on the primary keeps its connection.
     */
    public <T> T read(Supplier<T> reads) {
        if (!configured || ON_REPLICA.get() != null) {
            return reads.get();
        }
        ON_REPLICA.set(Boolean.TRUE);
        try {
            return reads.get();
        } finally {
            ON_REPLICA.remove();
        }
    }

    static boolean onReplica() {
        return ON_REPLICA.get() != null;
    }
}
