package fr.guichetbio.catalogue.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Creates the catalogue index and its alias on an Elasticsearch cluster. */
public class CatalogueIndexAdmin {

    private final ElasticsearchClient client;
    private final Clock clock;

    public CatalogueIndexAdmin(ElasticsearchClient client) {
        this(client, Clock.systemUTC());
    }

    public CatalogueIndexAdmin(ElasticsearchClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes sure the {@value CatalogueIndexSchema#ALIAS} alias exists: if it does, does nothing; otherwise creates a
     * new versioned index from {@code catalogue-index.json} with the alias (as its write index) in the same request.
     *
     * <p>Safe to call concurrently: the alias accepts a single write index, so a concurrent creation fails and the
     * index created by the winner is returned.
     *
     * @return the concrete index behind the alias
     */
    public String ensureIndex() throws IOException {
        Optional<String> current = currentIndex();
        if (current.isPresent()) {
            return current.get();
        }
        String index = CatalogueIndexSchema.indexName(clock.instant());
        try {
            createIndex(index, true);
            return index;
        } catch (ElasticsearchException | IOException e) {
            // Typically "alias [catalogue] has more than one write index" (HTTP 500, surfaced by the low-level
            // client as an IOException): another instance won the race and its index is the catalogue.
            Optional<String> winner = currentIndex();
            if (winner.isPresent()) {
                return winner.get();
            }
            throw e;
        }
    }

    /**
     * Creates a new, empty versioned index from {@code catalogue-index.json}, without any alias (e.g. to rebuild the
     * catalogue before switching the alias).
     *
     * @return the name of the created index
     */
    public String createIndex() throws IOException {
        String index = CatalogueIndexSchema.indexName(clock.instant());
        createIndex(index, false);
        return index;
    }

    /**
     * Same, for a bulk load nobody searches yet: no periodic refresh (each would write a small segment to merge
     * later); {@link #endLoading} turns it back on.
     */
    public String createIndexForLoading() throws IOException {
        String index = createIndex();
        client.indices().putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time("-1"))));
        return index;
    }

    /** Back to the schema's refresh interval after {@link #createIndexForLoading}, and a refresh now. */
    public void endLoading(String index) throws IOException {
        client.indices()
                .putSettings(p -> p.index(index)
                        .settings(s -> s.refreshInterval(t -> t.time(CatalogueIndexSchema.REFRESH_INTERVAL))));
        client.indices().refresh(r -> r.index(index));
    }

    /** Whether {@code index} has this library's schema version (an index of an older one needs a rebuild). */
    public static boolean hasCurrentSchema(String index) {
        return index.startsWith(CatalogueIndexSchema.INDEX_PREFIX);
    }

    /** The concrete index the alias points at (its write index), if the alias exists. */
    public Optional<String> currentIndex() throws IOException {
        if (!client.indices()
                .existsAlias(e -> e.name(CatalogueIndexSchema.ALIAS))
                .value()) {
            return Optional.empty();
        }
        Map<String, IndexAliases> indices = client.indices()
                .getAlias(g -> g.name(CatalogueIndexSchema.ALIAS))
                .aliases();
        if (indices.size() == 1) {
            return Optional.of(indices.keySet().iterator().next());
        }
        List<String> writeIndices = indices.entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(
                        e.getValue().aliases().get(CatalogueIndexSchema.ALIAS).isWriteIndex()))
                .map(Map.Entry::getKey)
                .toList();
        if (writeIndices.size() != 1) {
            throw new IllegalStateException("Alias " + CatalogueIndexSchema.ALIAS + " points at " + indices.keySet()
                    + " without a write index");
        }
        return Optional.of(writeIndices.getFirst());
    }

    private void createIndex(String index, boolean withAlias) throws IOException {
        try (Reader body = CatalogueIndexSchema.openSettingsAndMappings()) {
            CreateIndexRequest request = CreateIndexRequest.of(b -> {
                b.withJson(body).index(index);
                if (withAlias) {
                    b.aliases(CatalogueIndexSchema.ALIAS, a -> a.isWriteIndex(true));
                }
                return b;
            });
            client.indices().create(request);
        }
    }
}
