package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.infra.launcher.ManagedProcess;
import fr.guichetbio.infra.launcher.Stack;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drill: an indexer worker is killed (SIGKILL) in the middle of a batch — while its transaction holds claimed outbox
 * rows — during a burst of catalogue edits. PostgreSQL rolls the batch back when the connection dies, the other worker
 * takes the rows, and in the end every edit is processed and every site's document holds the site's last version (no
 * change lost, none indexed out of order). The worker is started again afterwards.
 */
@ExtendWith(RunningCluster.class)
class IndexerKillDrillIT {

    /** Versions written for every public site during the burst. */
    private static final int ROUNDS = 25;

    /** The worker's session holds the outbox's row locks: it is inside a claim transaction. */
    private static final String IN_A_BATCH = "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
            + " where a.application_name = ? and l.relation = 'outbox'::regclass and l.mode = 'RowShareLock'";

    @Test
    void aWorkerKilledMidBatchLosesNoChangeAndIndexesNoneOutOfOrder(Stack stack) throws Exception {
        StackCatalogue catalogue = new StackCatalogue(stack);
        try (ElasticsearchClient client =
                ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()))) {
            catalogue.awaitIndexed(client);
            ManagedProcess victim = stack.indexers().getFirst();
            List<Long> sites = catalogue.publicSites(10_000);
            long firstRow = catalogue.queryLong("select coalesce(max(id), 0) + 1 from outbox");

            boolean killedInBatch;
            try (ExecutorService writer = Executors.newSingleThreadExecutor()) {
                Future<Integer> burst = writer.submit(() -> {
                    int edits = 0;
                    try (Connection connection = catalogue.connection()) {
                        for (int round = 0; round < ROUNDS; round++) {
                            for (long site : sites) {
                                StackCatalogue.rename(connection, site, "Site rafale " + round + " " + site);
                                edits++;
                            }
                        }
                    }
                    return edits;
                });
                killedInBatch = awaitBatch(catalogue, victim.name(), firstRow, burst);
                victim.kill();
                int edits = burst.get();
                assertThat(edits).isEqualTo(ROUNDS * sites.size());
            }
            assertThat(killedInBatch)
                    .as("%s was inside a batch, after one of the burst, when killed", victim.name())
                    .isTrue();

            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> catalogue.pendingOutboxRows() == 0);
            long burstRows = catalogue.queryLong("select count(*) from outbox where id >= " + firstRow);
            long processed = catalogue.queryLong(
                    "select count(*) from outbox where id >= " + firstRow + " and processed_at is not null");
            assertThat(processed)
                    .as("burst rows processed")
                    .isEqualTo(burstRows)
                    .isEqualTo(ROUNDS * sites.size());
            assertThat(StackCatalogue.indexedCount(client)).isEqualTo(catalogue.publicSiteCount());
            for (long site : sites) {
                long version = catalogue.queryLong("select version from site where id = " + site);
                assertThat(StackCatalogue.indexedVersion(client, site))
                        .as("indexed version of site %d", site)
                        .isEqualTo(version);
            }
            System.out.printf(
                    "Indexer kill drill: %d rows in the burst; processed by %s: %d, by the others: %d%n",
                    burstRows,
                    victim.name(),
                    catalogue.queryLong("select count(*) from outbox where id >= " + firstRow + " and processed_by = '"
                            + victim.name() + "'"),
                    catalogue.queryLong("select count(*) from outbox where id >= " + firstRow + " and processed_by <> '"
                            + victim.name() + "'"));

            stack.startIndexer(victim.name());
            assertThat(stack.indexers()).hasSize(2).allMatch(ManagedProcess::isAlive);
        }
    }

    /**
     * Waits (while the burst is written) until the worker has committed a batch of the burst and holds the claimed
     * rows of another; false if the burst ended first.
     */
    private static boolean awaitBatch(StackCatalogue catalogue, String worker, long firstRow, Future<Integer> burst)
            throws Exception {
        try (Connection connection = catalogue.connection();
                var inBatch = connection.prepareStatement(IN_A_BATCH);
                var processed =
                        connection.prepareStatement("select count(*) from outbox where id >= ? and processed_by = ?")) {
            inBatch.setString(1, worker);
            processed.setLong(1, firstRow);
            processed.setString(2, worker);
            while (!burst.isDone()) {
                if (count(processed) > 0 && count(inBatch) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long count(java.sql.PreparedStatement query) throws Exception {
        try (var rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
