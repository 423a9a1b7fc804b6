package fr.guichetbio.portal.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The replica is chosen only inside {@code read}, only when configured, and forgotten afterwards, even on failure. */
class ReplicaReadsTest {

    @Test
    void readsInsideGoToTheReplicaWhenOneIsConfigured() {
        ReplicaReads replica = new ReplicaReads(true);

        assertThat(replica.read(ReplicaReads::onReplica)).isTrue();
        assertThat(replica.read(() -> replica.read(ReplicaReads::onReplica) && ReplicaReads.onReplica()))
                .as("nested reads keep the replica until the outer one ends")
                .isTrue();
        assertThat(ReplicaReads.onReplica()).isFalse();
    }

    @Test
    void withoutAReplicaEverythingStaysOnThePrimary() {
        assertThat(new ReplicaReads(false).read(ReplicaReads::onReplica)).isFalse();
    }

    @Test
    void aFailedReadLeavesThePrimaryForWhatFollows() {
        ReplicaReads replica = new ReplicaReads(true);

        assertThatThrownBy(() -> replica.read(() -> {
                    throw new IllegalStateException("replica down");
                }))
                .hasMessage("replica down");
        assertThat(ReplicaReads.onReplica()).isFalse();
    }
}
