package fr.guichetbio.catalogue.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the catalogue into a new versioned index while the alias keeps serving the current one, then swaps the
 * alias atomically and removes the old index.
 *
 * <ol>
 *   <li>removes leftover indices of earlier, interrupted rebuilds (indices named like ours the alias does not point
 *       at);
 *   <li>creates a new index from {@code catalogue-index.json};
 *   <li>loads every batch of documents, reporting progress;
 *   <li>refreshes it and checks that it holds as many documents as were accepted;
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
        String index = admin.createIndex();
        log.info("Catalogue rebuild: loading {} documents into {}", total, index);
        long accepted = 0;
        long sent = 0;
        List<CatalogueIndexer.Rejected> rejected = new ArrayList<>();
        try {
            CatalogueIndexer indexer = new CatalogueIndexer(client, index);
            progress.update(0, total);
            while (batches.hasNext()) {
                List<SiteDocument> batch = batches.next();
                CatalogueIndexer.Result result = indexer.write(batch, List.of());
                sent += batch.size();
                accepted += result.written();
                rejected.addAll(result.rejected());
                if (result.superseded() > 0) {
                    throw new IllegalStateException(result.superseded() + " duplicate document ids in the rebuild");
                }
                progress.update(sent, Math.max(total, sent));
            }
            client.indices().refresh(r -> r.index(index));
            long count = client.count(c -> c.index(index)).count();
            if (count != accepted) {
                throw new IllegalStateException(
                        "Index " + index + " holds " + count + " documents, " + accepted + " were written");
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
        log.info("Catalogue rebuild: {} now serves {} documents (was {})", index, accepted, previous.orElse("none"));
        return new Outcome(index, previous, accepted, List.copyOf(rejected));
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
