package fr.guichetbio.catalogue.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the catalogue into a new versioned index while the alias keeps serving the current one, then swaps the
 * alias atomically and removes the old index.
 *
 * <ol>
 *   <li>removes leftover indices of earlier, interrupted rebuilds (indices named like ours the alias does not point
 *       at);
 *   <li>creates a new index from {@code catalogue-index.json}, periodic refresh off while it loads;
 *   <li>loads every batch of documents, reporting progress: the next batch is read (from PostgreSQL, in the portal)
 *       while earlier ones are written, {@link #CONCURRENT_WRITES} bulk requests at a time, so that reading, sending
 *       and indexing overlap instead of adding up;
 *   <li>turns refresh back on, refreshes it and checks that it holds as many documents as were accepted;
 *   <li>in one {@code _aliases} request, removes the alias from the old index and adds it to the new one as its write
 *       index;
 *   <li>deletes the old index.
 * </ol>
 *
 * Any failure before the swap deletes the new index (best effort; a rerun removes it otherwise) and leaves the old
 * one behind the alias, untouched.
 */
public class CatalogueRebuild {

    private static final Logger log = LoggerFactory.getLogger(CatalogueRebuild.class);

    /**
     * Bulk requests in flight at once. A request's documents go to the one shard through one write thread: with three,
     * one waits in Elasticsearch's write queue, so that its threads stay busy while answers travel back and this side
     * prepares the next batch (search benchmark, 10,000 sites: 0.65 of a raw bulk load's speed with two, 0.83 with
     * three).
     */
    static final int CONCURRENT_WRITES = 3;

    /** Progress of the load: documents written so far out of the expected total. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /**
     * A finished rebuild.
     *
     * @param index the new index, now behind the alias
     * @param previousIndex the index it replaced, if any (deleted)
     * @param documents documents in the new index
     * @param rejected documents Elasticsearch refused (not in the new index)
     */
    public record Outcome(
            String index, Optional<String> previousIndex, long documents, List<CatalogueIndexer.Rejected> rejected) {}

    private final ElasticsearchClient client;
    private final CatalogueIndexAdmin admin;

    public CatalogueRebuild(ElasticsearchClient client, CatalogueIndexAdmin admin) {
        this.client = Objects.requireNonNull(client, "client");
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * Runs the rebuild.
     *
     * @param total the expected number of documents (for progress)
     * @param batches the documents, batch by batch; an exception thrown while iterating aborts the rebuild
     */
    public Outcome run(long total, Iterator<List<SiteDocument>> batches, Progress progress) throws IOException {
        return run(total, batches, progress, null);
    }

    /**
     * Same, stamping the new index with {@code origin} (see {@link CatalogueIndexOrigin}) before the swap.
     *
     * @param origin the id of the database the documents come from, or {@code null}
     */
    public Outcome run(long total, Iterator<List<SiteDocument>> batches, Progress progress, String origin)
            throws IOException {
        Optional<String> previous = admin.currentIndex();
        removeLeftovers(previous);
        String index = admin.createIndexForLoading();
        log.info("Catalogue rebuild: loading {} documents into {}", total, index);
        Tally tally = new Tally(total, progress);
        try (ReadAhead<List<SiteDocument>> ahead = new ReadAhead<>(batches);
                ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            CatalogueIndexer indexer = new CatalogueIndexer(client, index);
            progress.update(0, total);
            Deque<Future<Written>> inFlight = new ArrayDeque<>();
            while (ahead.hasNext()) {
                List<SiteDocument> batch = ahead.next();
                inFlight.add(writers.submit(() -> new Written(batch.size(), indexer.write(batch, List.of()))));
                if (inFlight.size() == CONCURRENT_WRITES) {
                    tally.add(inFlight.removeFirst());
                }
            }
            while (!inFlight.isEmpty()) {
                tally.add(inFlight.removeFirst());
            }
            admin.endLoading(index);
            long count = client.count(c -> c.index(index)).count();
            if (count != tally.accepted) {
                throw new IllegalStateException(
                        "Index " + index + " holds " + count + " documents, " + tally.accepted + " were written");
            }
            if (origin != null) {
                new CatalogueIndexOrigin(client).stamp(index, origin);
            }
            swapAlias(previous, index);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(index);
            throw e;
        }
        previous.ifPresent(this::deleteQuietly);
        log.info(
                "Catalogue rebuild: {} now serves {} documents (was {})",
                index,
                tally.accepted,
                previous.orElse("none"));
        return new Outcome(index, previous, tally.accepted, List.copyOf(tally.rejected));
    }

    /** A batch written: how many documents were sent, and what Elasticsearch made of them. */
    private record Written(int sent, CatalogueIndexer.Result result) {}

    /** The documents written so far, counted in the order the batches were read. */
    private static final class Tally {
        private final long total;
        private final Progress progress;
        long sent;
        long accepted;
        final List<CatalogueIndexer.Rejected> rejected = new ArrayList<>();

        Tally(long total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        /** Waits for a batch's write and counts it; its failure becomes the rebuild's. */
        void add(Future<Written> write) throws IOException {
            Written written;
            try {
                written = write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while writing the catalogue", e);
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    default -> throw new IOException(e.getCause());
                }
            }
            CatalogueIndexer.Result result = written.result();
            if (result.superseded() > 0) {
                throw new IllegalStateException(result.superseded() + " duplicate document ids in the rebuild");
            }
            sent += written.sent();
            accepted += result.written();
            rejected.addAll(result.rejected());
            progress.update(sent, Math.max(total, sent));
        }
    }

    /**
     * Reads an iterator one item ahead on its own thread: while the caller works on an item, the next is being read.
     * A failure of the source reaches the caller at the item it would have produced. Closing lets the reader finish
     * the item it is reading (not interrupted: that would close a database connection in the middle of a query) and
     * end without handing it over.
     */
    static final class ReadAhead<T> implements AutoCloseable {

        /** What the reader hands over: an item, the end, or the source's failure. */
        private sealed interface Next<T> {}

        private record Item<T>(T value) implements Next<T> {}

        private record End<T>() implements Next<T> {}

        private record Failure<T>(RuntimeException error) implements Next<T> {}

        private final SynchronousQueue<Next<T>> handOver = new SynchronousQueue<>();
        private volatile boolean closed;
        private Next<T> next;
        final Thread reader;

        ReadAhead(Iterator<T> source) {
            reader = Thread.ofVirtual().name("catalogue-rebuild-reader").start(() -> {
                try {
                    boolean taken = true;
                    while (taken && source.hasNext()) {
                        taken = handOver(new Item<>(source.next()));
                    }
                    if (taken) {
                        handOver(new End<>());
                    }
                } catch (RuntimeException e) {
                    handOver(new Failure<>(e));
                }
            });
        }

        /** Waits until the caller takes {@code item}; false when closed first. */
        private boolean handOver(Next<T> item) {
            try {
                while (!closed) {
                    if (handOver.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        boolean hasNext() {
            if (next == null) {
                try {
                    next = handOver.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while reading the catalogue", e);
                }
            }
            if (next instanceof Failure<T> failure) {
                throw failure.error();
            }
            return next instanceof Item<T>;
        }

        T next() {
            if (hasNext() && next instanceof Item<T> item) {
                next = null;
                return item.value();
            }
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One request: the alias leaves the old index and points at the new one, with no moment without it. */
    private void swapAlias(Optional<String> previous, String index) throws IOException {
        List<Action> actions = new ArrayList<>();
        previous.ifPresent(old -> actions.add(Action.of(a ->
                a.remove(r -> r.index(old).alias(CatalogueIndexSchema.ALIAS).mustExist(true)))));
        actions.add(Action.of(a ->
                a.add(ad -> ad.index(index).alias(CatalogueIndexSchema.ALIAS).isWriteIndex(true))));
        client.indices().updateAliases(u -> u.actions(actions));
    }

    /** Deletes indices of this catalogue (any schema version) that the alias does not point at. */
    void removeLeftovers(Optional<String> current) throws IOException {
        for (String leftover : leftovers(current)) {
            log.info("Catalogue rebuild: removing leftover index {}", leftover);
            client.indices().delete(d -> d.index(leftover));
        }
    }

    /** Indices named like the catalogue's versioned indices, other than {@code current}. */
    public List<String> leftovers(Optional<String> current) throws IOException {
        return client
                .indices()
                .get(g -> g.index(CatalogueIndexSchema.ALIAS + "-v*").allowNoIndices(true))
                .indices()
                .keySet()
                .stream()
                .filter(name -> current.map(c -> !c.equals(name)).orElse(true))
                .sorted()
                .toList();
    }

    private void deleteQuietly(String index) {
        try {
            client.indices().delete(d -> d.index(index));
        } catch (IOException | RuntimeException e) {
            log.warn("Catalogue rebuild: could not delete {} ({}); the next rebuild removes it", index, e.getMessage());
        }
    }
}
