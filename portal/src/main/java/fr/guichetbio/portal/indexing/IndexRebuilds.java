package fr.guichetbio.portal.indexing;

import fr.guichetbio.catalogue.index.CatalogueRebuild;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.SiteDocuments;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Full rebuilds of the search index from PostgreSQL ({@link CatalogueRebuild}: a new index loaded while the alias
 * keeps serving the old one, then swapped). Each rebuild is a row of {@code index_rebuild}, its progress written as
 * it goes, so that every replica shows it and at most one runs at a time (a unique index on the running row); a
 * running row that stopped moving for {@link #STALE_MINUTES} minutes was cut short (its portal stopped) and no longer
 * blocks a new one.
 *
 * <p>Changes made while a rebuild loads reach the old index through the outbox worker and might be missed by the
 * pages already read: once the alias is swapped, the outbox rows written since the rebuild started are queued again
 * (idempotent thanks to external versioning).
 */
@Component
class IndexRebuilds {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuilds.class);

    static final int STALE_MINUTES = 2;
    private static final int PAGE_SIZE = 500;

    /** A rebuild as the admin page shows it. */
    record Rebuild(
            long id,
            String state,
            long done,
            long total,
            String indexName,
            String error,
            OffsetDateTime startedAt,
            OffsetDateTime updatedAt,
            boolean interrupted) {

        public boolean running() {
            return "RUNNING".equals(state) && !interrupted;
        }

        public int percent() {
            return total == 0 ? (running() ? 0 : 100) : (int) Math.min(100, done * 100 / total);
        }
    }

    private final JdbcClient jdbc;
    private final SiteDocuments documents;
    private final Outbox outbox;
    private final CatalogueRebuild rebuild;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;

    IndexRebuilds(
            JdbcClient jdbc,
            SiteDocuments documents,
            Outbox outbox,
            CatalogueRebuild rebuild,
            DeadLetters deadLetters,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.outbox = outbox;
        this.rebuild = rebuild;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
    }

    /** Starts a rebuild in the background; empty when one is already running (here or on another replica). */
    Optional<Long> startInBackground(Long requestedBy) {
        Optional<Long> id = claim(requestedBy);
        id.ifPresent(rebuildId ->
                Thread.ofVirtual().name("index-rebuild-" + rebuildId).start(() -> run(rebuildId)));
        return id;
    }

    /** Runs a rebuild in this thread (command line); empty when one is already running, else whether it succeeded. */
    Optional<Boolean> runNow(Long requestedBy) {
        return claim(requestedBy).map(this::run);
    }

    /** The id of this database, stamped on the index it fills (see {@code CatalogueIndexOrigin}). */
    String databaseId() {
        return jdbc.sql("select cast(id as varchar) from index_database")
                .query(String.class)
                .single();
    }

    /** The latest rebuild, if any. */
    Optional<Rebuild> latest() {
        return jdbc.sql("""
                        select id, state, documents_done, documents_total, index_name, error, started_at, updated_at,
                               state = 'RUNNING' and updated_at < current_timestamp - make_interval(mins => :stale)
                        from index_rebuild order by id desc limit 1""")
                .param("stale", STALE_MINUTES)
                .query((rs, n) -> new Rebuild(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class),
                        rs.getBoolean(9)))
                .optional();
    }

    private Optional<Long> claim(Long requestedBy) {
        try {
            return transactions.execute(status -> {
                jdbc.sql("""
                                update index_rebuild set state = 'FAILED', error = 'interrupted'
                                where state = 'RUNNING' and updated_at < current_timestamp - make_interval(mins => :stale)""").param("stale", STALE_MINUTES).update();
                return Optional.of(jdbc.sql("insert into index_rebuild (state, requested_by) values ('RUNNING', :by)"
                                + " returning id")
                        .param("by", requestedBy, java.sql.Types.BIGINT)
                        .query(Long.class)
                        .single());
            });
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    private boolean run(long id) {
        try {
            // Changes the worker wrote to the old index from now on are replayed into the new one after the swap.
            // Marked by time, not by outbox id: ids are handed out before commit, so a lower id can commit later.
            java.sql.Timestamp startedAt = jdbc.sql("select clock_timestamp()")
                    .query(java.sql.Timestamp.class)
                    .single();
            long total = documents.countPublic();
            CatalogueRebuild.Outcome outcome = rebuild.run(
                    total,
                    documents.allPublic(PAGE_SIZE),
                    (done, expected) -> progress(id, done, expected),
                    databaseId());
            transactions.executeWithoutResult(status -> {
                Map<Long, Long> versions = documents.versions(outcome.rejected().stream()
                        .map(rejected -> rejected.siteId())
                        .collect(Collectors.toSet()));
                deadLetters.record(outcome.rejected(), versions);
                outbox.requeueProcessedSince(startedAt);
                jdbc.sql("""
                                update index_rebuild set state = 'DONE', index_name = :index, documents_done = :done,
                                  updated_at = current_timestamp where id = :id""")
                        .param("index", outcome.index())
                        .param("done", outcome.documents())
                        .param("id", id)
                        .update();
            });
            return true;
        } catch (Exception e) {
            log.error("Catalogue index rebuild {} failed; the previous index keeps serving", id, e);
            jdbc.sql("update index_rebuild set state = 'FAILED', error = :error, updated_at = current_timestamp"
                            + " where id = :id")
                    .param("error", truncate(String.valueOf(e.getMessage())))
                    .param("id", id)
                    .update();
            return false;
        }
    }

    private void progress(long id, long done, long total) {
        jdbc.sql("""
                        update index_rebuild set documents_done = :done, documents_total = :total,
                          updated_at = current_timestamp where id = :id""").param("done", done).param("total", total).param("id", id).update();
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3997) + "…";
    }
}
