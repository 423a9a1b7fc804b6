package fr.guichetbio.portal.indexing;

import fr.guichetbio.catalogue.index.CatalogueIndexer;
import fr.guichetbio.portal.catalogue.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Documents Elasticsearch refused for good, kept for the admins with the reason; a retry puts the site back in the
 * outbox (the worker then builds its document afresh) and removes the dead letter, in one transaction.
 */
@Component
class DeadLetters implements MeterBinder {

    /** A refused document. */
    record DeadLetter(long id, long siteId, long version, String reason, OffsetDateTime createdAt) {}

    private final JdbcClient jdbc;
    private final Outbox outbox;

    DeadLetters(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * {@code guichet.indexer.dead.letters}: the documents waiting for an admin at {@code /admin/index}, read at each
     * scrape (the same on every replica: a dashboard takes the {@code max}).
     */
    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("guichet.indexer.dead.letters", this, deadLetters -> {
                    try {
                        return deadLetters.count();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("Documents Elasticsearch refused, waiting for an admin's retry")
                .register(meters);
    }

    /** Records refused documents, in the caller's transaction, in one statement (a bad mapping refuses a whole batch). */
    void record(List<CatalogueIndexer.Rejected> rejected, java.util.Map<Long, Long> versions) {
        if (rejected.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into index_dead_letter (site_id, version, reason)
                        select * from unnest(:sites, :versions, :reasons)""")
                .param(
                        "sites",
                        rejected.stream().map(CatalogueIndexer.Rejected::siteId).toArray(Long[]::new))
                .param(
                        "versions",
                        rejected.stream()
                                .map(item ->
                                        versions.getOrDefault(item.siteId(), 0L).intValue())
                                .toArray(Integer[]::new))
                .param(
                        "reasons",
                        rejected.stream().map(item -> truncate(item.reason())).toArray(String[]::new))
                .update();
    }

    List<DeadLetter> list() {
        return jdbc.sql("select id, site_id, version, reason, created_at from index_dead_letter order by id limit 200")
                .query((rs, n) -> new DeadLetter(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from index_dead_letter")
                .query(Long.class)
                .single();
    }

    /** Retries one dead letter; false when there is no such dead letter (already retried). */
    @Transactional
    boolean retry(long id) {
        // One transaction: the dead letter leaves and its site enters the outbox together.
        return requeue(jdbc.sql("delete from index_dead_letter where id = :id returning site_id, version")
                        .param("id", id))
                > 0;
    }

    /** Retries every dead letter; returns how many. */
    @Transactional
    int retryAll() {
        return requeue(jdbc.sql("delete from index_dead_letter returning site_id, version"));
    }

    /** Runs the delete and queues its sites again at the versions they were refused at; returns how many. */
    private int requeue(JdbcClient.StatementSpec delete) {
        List<long[]> moved = delete.query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        moved.forEach(row -> outbox.enqueue(Outbox.Aggregate.SITE, row[0], row[1]));
        return moved.size();
    }

    private static String truncate(String reason) {
        return reason.length() <= 4000 ? reason : reason.substring(0, 3997) + "…";
    }
}
