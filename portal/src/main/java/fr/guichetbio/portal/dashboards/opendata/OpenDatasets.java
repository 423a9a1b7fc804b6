package fr.guichetbio.portal.dashboards.opendata;

import fr.guichetbio.portal.dashboards.ReplicaReads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public datasets, stored in {@code open_dataset} and regenerated once a day.
 *
 * <p>Stored rather than generated per request with a cache: behind several replicas, per-replica caches would serve
 * files of different ages under one URL, and the DCAT {@code dct:modified} and the {@code Last-Modified} header would
 * depend on the replica answering. Stored bytes are the same everywhere, and a download costs one primary-key read.
 *
 * <p>Once across replicas: the refresh takes a transaction-scoped PostgreSQL advisory lock (a replica that does not
 * get it skips), then skips again when another replica refreshed less than {@code minimumInterval} ago.
 */
@Service
public class OpenDatasets {

    private static final Logger log = LoggerFactory.getLogger(OpenDatasets.class);

    /** Any constant shared by the replicas; this one spells "opendata". */
    private static final long LOCK_KEY = 0x6f70656e64617461L;

    /** A stored dataset: its two distributions and when their content last changed. */
    record Stored(Dataset dataset, byte[] csv, byte[] json, int rowCount, Instant modified) {}

    /** What the listing page and the DCAT catalogue say of a stored dataset: its files' sizes, not their bytes. */
    record Listed(Dataset dataset, int rowCount, Instant modified, long csvBytes, long jsonBytes) {}

    private final DatasetContents contents;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OpenDataProperties properties;
    private final TransactionTemplate transactions;
    private final ReplicaReads replica;

    OpenDatasets(
            DatasetContents contents,
            JdbcClient jdbc,
            JsonMapper json,
            OpenDataProperties properties,
            PlatformTransactionManager transactionManager,
            ReplicaReads replica) {
        this.replica = replica;
        this.contents = contents;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** At start, after the demo seeders ({@code @Order(1..4)}): a new database gets its datasets at once. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    void onStart() {
        refreshIfDue();
    }

    // Runs on every replica: pg_try_advisory_xact_lock and the stored refreshed_at let one regenerate (see above).
    @Scheduled(cron = "${guichet.open-data.refresh-cron:0 20 3 * * *}", zone = "Europe/Paris")
    void daily() {
        refreshIfDue();
    }

    /**
     * Regenerates every dataset unless another replica is doing it or did it less than {@code minimumInterval} ago.
     * Returns whether this call regenerated them. One transaction (a template, not {@code @Transactional}: the
     * start-up and scheduled calls come from this class, where a proxy would not see them): the advisory lock is held
     * until the rows are committed.
     */
    public boolean refreshIfDue() {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!lock()) {
                return false;
            }
            List<Instant> refreshed = jdbc.sql("select refreshed_at from open_dataset where name in (:names)")
                    .param("names", names())
                    .query(Instant.class)
                    .list();
            Instant now = now();
            if (refreshed.size() == Dataset.values().length
                    && refreshed.stream().allMatch(at -> at.isAfter(now.minus(properties.minimumInterval())))) {
                return false;
            }
            write(now);
            return true;
        }));
    }

    /** Regenerates every dataset now, waiting for a refresh under way elsewhere: for administrators and tests. */
    public void refreshNow() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)")
                    .param("key", LOCK_KEY)
                    .query()
                    .listOfRows();
            write(now());
        });
    }

    /** One statement, outside any transaction: on the read replica when there is one. */
    Optional<Stored> find(Dataset dataset) {
        return replica.read(() -> jdbc.sql(
                        "select csv, json, row_count, modified_at from open_dataset where name = :name")
                .param("name", dataset.slug())
                .query((rs, row) -> new Stored(
                        dataset,
                        rs.getBytes("csv"),
                        rs.getBytes("json"),
                        rs.getInt("row_count"),
                        rs.getTimestamp("modified_at").toInstant()))
                .optional());
    }

    /** Every stored dataset in the order of {@link Dataset}, described in one query (sizes, not the files). */
    List<Listed> listed() {
        return replica.read(() -> jdbc
                .sql("""
                        select name, row_count, modified_at, octet_length(csv) csv_bytes, octet_length(json) json_bytes
                          from open_dataset
                        """)
                .query((rs, row) -> {
                    Optional<Dataset> dataset = Dataset.bySlug(rs.getString("name"));
                    int rows = rs.getInt("row_count");
                    Instant modified = rs.getTimestamp("modified_at").toInstant();
                    long csvBytes = rs.getLong("csv_bytes");
                    long jsonBytes = rs.getLong("json_bytes");
                    return dataset.map(d -> new Listed(d, rows, modified, csvBytes, jsonBytes));
                })
                .list()
                .stream()
                .flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparing(Listed::dataset))
                .toList());
    }

    private void write(Instant now) {
        for (Dataset dataset : Dataset.values()) {
            DatasetTable table = contents.of(dataset);
            // modified_at moves only when the content changed: a daily run on unchanged data keeps the date.
            jdbc.sql("""
                            insert into open_dataset (name, csv, json, row_count, modified_at, refreshed_at)
                            values (:name, :csv, :json, :rows, :now, :now)
                            on conflict (name) do update set
                              modified_at = case when open_dataset.csv = excluded.csv and open_dataset.json = excluded.json
                                then open_dataset.modified_at else excluded.modified_at end,
                              csv = excluded.csv, json = excluded.json, row_count = excluded.row_count,
                              refreshed_at = excluded.refreshed_at
                            """)
                    .param("name", dataset.slug())
                    .param("csv", table.csv())
                    .param("json", table.json(json, dataset))
                    .param("rows", table.rows().size())
                    .param("now", java.sql.Timestamp.from(now))
                    .update();
        }
        log.info("Open data: {} datasets generated", Dataset.values().length);
    }

    private boolean lock() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                .param("key", LOCK_KEY)
                .query(Boolean.class)
                .single());
    }

    private Instant now() {
        // The database's clock: the replicas' clocks may differ, the interval is measured against stored times.
        return jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
    }

    private static List<String> names() {
        return java.util.Arrays.stream(Dataset.values()).map(Dataset::slug).toList();
    }
}
