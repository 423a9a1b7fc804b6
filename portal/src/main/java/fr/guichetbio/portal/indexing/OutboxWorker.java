package fr.guichetbio.portal.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueIndexAdmin;
import fr.guichetbio.catalogue.index.CatalogueIndexOrigin;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.catalogue.index.CatalogueIndexer;
import fr.guichetbio.catalogue.index.SiteDocument;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.SiteDocuments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the search index fresh: every {@value #DELAY_MS} ms, claims a batch of unprocessed outbox rows
 * ({@code for update skip locked}: several workers, in one portal or many, never take the same rows), turns
 * organisation rows into their sites, builds the documents from PostgreSQL, upserts the public sites and deletes the
 * others (externally versioned), records the documents Elasticsearch refuses as dead letters, and marks the rows
 * processed with this worker's name ({@code processed_by}), all in one transaction.
 *
 * <p>When Elasticsearch cannot be reached, the transaction rolls back (the rows stay pending) and the worker waits
 * longer and longer (doubling up to {@link #MAX_BACKOFF}) before trying again; it logs once when the outage starts and
 * once when it ends, and needs nobody to resume. Before its first batch it makes sure the index exists, and starts a
 * full rebuild when the index was filled from another database, is of an older schema (after an upgrade of the
 * portal), or is empty while PostgreSQL has public sites (first start).
 *
 * <p>Runs inside the portal unless {@code guichet.indexing.enabled=false}, and alone in an indexer process (profile
 * {@code indexer}: the same jar without pages); any number of both can share the outbox.
 */
@Component
@ConditionalOnIndexing
@EnableConfigurationProperties(IndexingProperties.class)
class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    static final long DELAY_MS = 200;
    static final int BATCH = 200;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final SiteDocuments documents;
    private final CatalogueIndexer indexer;
    private final CatalogueIndexAdmin admin;
    private final CatalogueIndexOrigin origin;
    private final ElasticsearchClient client;
    private final IndexRebuilds rebuilds;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final String workerName;
    private final Counter upserted;
    private final Counter deleted;
    private final Counter refused;

    private boolean indexReady;
    private Duration backoff = Duration.ZERO;
    private Instant nextAttempt = Instant.MIN;
    private boolean outage;

    OutboxWorker(
            Outbox outbox,
            TransactionTemplate transactions,
            SiteDocuments documents,
            CatalogueIndexer indexer,
            CatalogueIndexAdmin admin,
            CatalogueIndexOrigin origin,
            ElasticsearchClient client,
            IndexRebuilds rebuilds,
            DeadLetters deadLetters,
            IndexingProperties properties,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.documents = documents;
        this.indexer = indexer;
        this.admin = admin;
        this.origin = origin;
        this.client = client;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.clock = Clock.systemUTC();
        this.workerName = properties.workerName();
        // Counted when the batch was written to Elasticsearch (a batch rolled back afterwards is written again: the
        // rate is the work done, not the changes).
        this.upserted = documentsCounter(meters, "upsert");
        this.deleted = documentsCounter(meters, "delete");
        this.refused = Counter.builder("guichet.indexer.refused")
                .description("Documents Elasticsearch refused for good (recorded as dead letters)")
                .register(meters);
        log.info("Outbox worker {} started", workerName);
    }

    @PreDestroy
    void stopped() {
        // Scheduled ticks were cancelled when the context closed; a batch cut short rolls back for another worker.
        log.info("Outbox worker {} stopped", workerName);
    }

    // Runs on every worker: batches claimed FOR UPDATE SKIP LOCKED, documents versioned externally (see above).
    @Scheduled(fixedDelay = DELAY_MS, initialDelay = 1000)
    void tick() {
        if (clock.instant().isBefore(nextAttempt)) {
            return;
        }
        try {
            if (!indexReady) {
                prepareIndex();
                indexReady = true;
            }
            int processed;
            do {
                processed = processBatch();
            } while (processed == BATCH);
            recovered();
        } catch (Exception e) {
            failed(e);
        }
    }

    /**
     * Processes one batch in one transaction; returns how many outbox rows it processed. Throws (rolling back) when
     * Elasticsearch could not take the batch.
     */
    int processBatch() {
        Integer processed = transactions.execute(status -> {
            List<Outbox.Entry> rows = outbox.claim(BATCH);
            if (rows.isEmpty()) {
                return 0;
            }
            index(rows);
            outbox.markProcessed(rows.stream().map(Outbox.Entry::id).toList(), workerName);
            return rows.size();
        });
        return processed == null ? 0 : processed;
    }

    private void index(List<Outbox.Entry> rows) {
        Set<Long> siteIds = new LinkedHashSet<>();
        Set<Long> organisationIds = new LinkedHashSet<>();
        // A removed site is known only by its outbox row, which carries the version it was removed at.
        Map<Long, Long> outboxVersions = new HashMap<>();
        for (Outbox.Entry row : rows) {
            if (row.type() == Outbox.Aggregate.ORGANISATION) {
                organisationIds.add(row.aggregateId());
            } else {
                siteIds.add(row.aggregateId());
                outboxVersions.merge(row.aggregateId(), row.version(), Math::max);
            }
        }
        siteIds.addAll(documents.sitesOfOrganisations(organisationIds));
        List<SiteDocument> upserts = documents.publicDocuments(siteIds);
        Set<Long> others = new LinkedHashSet<>(siteIds);
        upserts.forEach(document -> others.remove(document.id()));
        Map<Long, Long> currentVersions = documents.versions(others);
        List<CatalogueIndexer.Deletion> deletions = new ArrayList<>();
        for (long siteId : others) {
            Long version = currentVersions.get(siteId);
            deletions.add(new CatalogueIndexer.Deletion(
                    siteId, version != null ? version : outboxVersions.getOrDefault(siteId, 0L)));
        }
        CatalogueIndexer.Result result;
        try {
            result = indexer.write(upserts, deletions);
        } catch (java.io.IOException e) {
            throw new IndexUnreachable(e);
        }
        upserted.increment(upserts.size());
        deleted.increment(deletions.size());
        if (!result.rejected().isEmpty()) {
            refused.increment(result.rejected().size());
            Map<Long, Long> versions = new HashMap<>();
            upserts.forEach(document -> versions.put(document.id(), document.version()));
            deletions.forEach(deletion -> versions.put(deletion.siteId(), deletion.version()));
            deadLetters.record(result.rejected(), versions);
            log.warn(
                    "Search index: {} document(s) refused, see /admin/index",
                    result.rejected().size());
        }
    }

    /**
     * Makes sure the index exists and holds this database's catalogue: an empty index gets this database's stamp (and
     * a rebuild when the catalogue has public sites, e.g. seeded before the worker ran); an index filled from another
     * database (recreated while Elasticsearch kept its data: its versions would refuse every write) is rebuilt.
     */
    private void prepareIndex() throws java.io.IOException {
        String index = admin.ensureIndex();
        String database = rebuilds.databaseId();
        Optional<String> stamped = origin.read(index);
        long indexed = client.count(c -> c.index(CatalogueIndexSchema.ALIAS)).count();
        if (stamped.isEmpty() && indexed == 0) {
            origin.stamp(index, database);
            stamped = Optional.of(database);
        }
        if (!stamped.equals(Optional.of(database))) {
            log.warn("Search index {} was filled from another database: starting a full rebuild", index);
            rebuilds.startInBackground(null);
        } else if (!CatalogueIndexAdmin.hasCurrentSchema(index)) {
            // Written by an earlier version of the portal: it keeps serving (and taking writes) until the swap.
            log.info(
                    "Search index {} is not of the current schema ({}*): starting a full rebuild",
                    index,
                    CatalogueIndexSchema.INDEX_PREFIX);
            rebuilds.startInBackground(null);
        } else if (indexed == 0 && documents.countPublic() > 0) {
            log.info("Search index is empty while the catalogue has public sites: starting a full rebuild");
            rebuilds.startInBackground(null);
        }
    }

    private void failed(Exception e) {
        indexReady = false;
        backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
        nextAttempt = clock.instant().plus(backoff);
        if (!outage) {
            outage = true;
            log.warn(
                    "Indexing stopped, catalogue changes wait in the outbox (retrying with back-off up to {} s): {}",
                    MAX_BACKOFF.toSeconds(),
                    e.getMessage() != null ? e.getMessage() : e.toString());
        } else {
            log.debug("Indexing still stopped, next attempt in {}", backoff, e);
        }
    }

    private void recovered() {
        if (outage) {
            outage = false;
            log.info("Indexing resumed");
        }
        backoff = Duration.ZERO;
        nextAttempt = Instant.MIN;
    }

    private static Counter documentsCounter(MeterRegistry meters, String operation) {
        return Counter.builder("guichet.indexer.documents")
                .description("Documents written to the search index by this process's outbox worker")
                .tag("operation", operation)
                .register(meters);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Elasticsearch could not take a batch: rolls back its transaction. */
    static final class IndexUnreachable extends RuntimeException {
        IndexUnreachable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
