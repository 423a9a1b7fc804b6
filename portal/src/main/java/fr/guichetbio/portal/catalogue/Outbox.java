package fr.guichetbio.portal.catalogue;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one owner of table {@code outbox}: the catalogue changes the search indexer has yet to apply. Every write runs in
 * the caller's transaction, so that a row is queued exactly when the change it announces commits. The catalogue
 * {@linkplain #enqueue queues} its changes; the indexing module {@linkplain #claim claims} batches, marks them
 * {@linkplain #markProcessed processed}, and {@linkplain #requeueProcessedSince re-queues} what a full rebuild must
 * replay; dead-letter retries and the daily aging pass {@linkplain #enqueue queue} sites again like any change.
 */
@Component
public class Outbox {

    /** What an outbox row names: a site, or an organisation (the indexer expands it to its sites). */
    public enum Aggregate {
        SITE("site"),
        ORGANISATION("organisation");

        private final String column;

        Aggregate(String column) {
            this.column = column;
        }

        static Aggregate of(String column) {
            return switch (column) {
                case "site" -> SITE;
                case "organisation" -> ORGANISATION;
                default -> throw new IllegalStateException("Unknown outbox aggregate " + column);
            };
        }
    }

    /** A queued change: the row's id, what changed and its version then. */
    public record Entry(long id, Aggregate type, long aggregateId, long version) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Outbox(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Queues one change. */
    public void enqueue(Aggregate type, long id, long version) {
        jdbc.sql("insert into outbox (aggregate_type, aggregate_id, version) values (:type, :id, :version)")
                .param("type", type.column)
                .param("id", id)
                .param("version", version, Types.INTEGER)
                .update();
    }

    /** Queues changes to many aggregates of one type in one batch: {@code versions} maps ids to versions. */
    public void enqueue(Aggregate type, Map<Long, ? extends Number> versions) {
        if (versions.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(versions.size());
        versions.forEach((id, version) -> rows.add(new Object[] {type.column, id, version.intValue()}));
        template.batchUpdate(
                "insert into outbox (aggregate_type, aggregate_id, version) values (?, ?, ?)",
                rows,
                new int[] {Types.VARCHAR, Types.BIGINT, Types.INTEGER});
    }

    /**
     * Claims up to {@code limit} pending rows, oldest first, locked until the caller's transaction ends and skipped by
     * other workers meanwhile ({@code for update skip locked}).
     */
    public List<Entry> claim(int limit) {
        return jdbc.sql("""
                        select id, aggregate_type, aggregate_id, version from outbox
                        where processed_at is null order by id limit :batch for update skip locked""")
                .param("batch", limit)
                .query((rs, n) -> new Entry(rs.getLong(1), Aggregate.of(rs.getString(2)), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** Marks claimed rows processed by {@code worker}. */
    public void markProcessed(Collection<Long> ids, String worker) {
        jdbc.sql("update outbox set processed_at = current_timestamp, processed_by = :worker where id = any(:ids)")
                .param("worker", worker)
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    /** Puts back in the queue the rows processed since {@code since}; returns how many. */
    public int requeueProcessedSince(Timestamp since) {
        return jdbc.sql("update outbox set processed_at = null, processed_by = null where processed_at >= :started")
                .param("started", since)
                .update();
    }

    /** How many rows wait for a worker. */
    public long pending() {
        return jdbc.sql("select count(*) from outbox where processed_at is null")
                .query(Long.class)
                .single();
    }
}
