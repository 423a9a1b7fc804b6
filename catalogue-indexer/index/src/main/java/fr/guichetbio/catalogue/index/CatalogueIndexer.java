package fr.guichetbio.catalogue.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes site documents to the catalogue index (by default through its alias): upserts and deletions in bulk,
 * externally versioned with the site's version so that a write carrying an older version never overwrites a newer
 * one, whatever the order in which workers deliver them. Every item's result is checked.
 *
 * <p>Plain bulk requests rather than a {@code BulkIngester}: the outbox worker must know the outcome of every item
 * of its batch before it commits the batch's outbox rows (the ingester buffers and flushes asynchronously, so a
 * failure would surface after the commit), and the rebuild must know that every chunk landed before it swaps the
 * alias. Both already hand over batches of a chosen size, which is all the ingester would add.
 *
 * <p>Versioning is {@code external_gte}: a strictly older version is refused (HTTP 409, counted as done since a newer
 * document is already there), an equal version overwrites. Equal versions matter: a change of the organisation (its
 * name, kind, status) changes its sites' documents without bumping the sites' versions.
 */
public class CatalogueIndexer {

    /** A deletion of a site's document, carrying the version at which the site left the public catalogue. */
    public record Deletion(long siteId, long version) {}

    /** A document or deletion Elasticsearch refused for good (e.g. a mapping error), and why. */
    public record Rejected(long siteId, String reason) {}

    /**
     * The outcome of a bulk write.
     *
     * @param written items applied
     * @param superseded items refused because the index already holds a newer (or, for deletions, no) document
     * @param rejected items Elasticsearch refused for good; retrying the same document would fail again
     */
    public record Result(int written, int superseded, List<Rejected> rejected) {
        public int done() {
            return written + superseded;
        }
    }

    /** Elasticsearch could not take the batch now (down, overloaded): retry it later, nothing was lost. */
    public static class IndexUnavailableException extends IOException {
        public IndexUnavailableException(String message) {
            super(message);
        }
    }

    private final ElasticsearchClient client;
    private final String index;

    /** Writes through the {@value CatalogueIndexSchema#ALIAS} alias (to its write index). */
    public CatalogueIndexer(ElasticsearchClient client) {
        this(client, CatalogueIndexSchema.ALIAS);
    }

    /** Writes to {@code index} (a concrete index during a rebuild). */
    public CatalogueIndexer(ElasticsearchClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * Upserts {@code documents} and applies {@code deletions} in one bulk request.
     *
     * @throws IndexUnavailableException when Elasticsearch refused the request or some items for a transient reason
     *     (unavailable shards, rejected execution): the caller retries the whole batch, which is idempotent
     * @throws IOException when Elasticsearch cannot be reached
     */
    public Result write(List<SiteDocument> documents, List<Deletion> deletions) throws IOException {
        if (documents.isEmpty() && deletions.isEmpty()) {
            return new Result(0, 0, List.of());
        }
        BulkResponse response;
        try {
            response = client.bulk(bulkRequest(index, documents, deletions));
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            throw new IndexUnavailableException("Bulk request refused: " + e.getMessage());
        }
        return interpret(response.items());
    }

    /** The bulk request: one externally versioned index operation per document, one delete per deletion. */
    static BulkRequest bulkRequest(String index, List<SiteDocument> documents, List<Deletion> deletions) {
        List<BulkOperation> operations = new ArrayList<>(documents.size() + deletions.size());
        for (SiteDocument document : documents) {
            operations.add(BulkOperation.of(op -> op.index(i -> i.index(index)
                    .id(Long.toString(document.id()))
                    .version(document.version())
                    .versionType(VersionType.ExternalGte)
                    .document(document.source()))));
        }
        for (Deletion deletion : deletions) {
            operations.add(BulkOperation.of(op -> op.delete(d -> d.index(index)
                    .id(Long.toString(deletion.siteId()))
                    .version(deletion.version())
                    .versionType(VersionType.ExternalGte))));
        }
        // Through the alias, require it: writing to a missing alias would otherwise auto-create a concrete index
        // named like it, with dynamic mappings, which would then stand in the alias's way.
        boolean alias = CatalogueIndexSchema.ALIAS.equals(index);
        return BulkRequest.of(b -> b.operations(operations).requireAlias(alias ? Boolean.TRUE : null));
    }

    /** Classifies every item's result; throws when one failed for a transient reason. */
    static Result interpret(List<BulkResponseItem> items) throws IndexUnavailableException {
        int written = 0;
        int superseded = 0;
        List<Rejected> rejected = new ArrayList<>();
        for (BulkResponseItem item : items) {
            int status = item.status();
            if (item.error() == null && status >= 200 && status < 300) {
                written++;
            } else if (status == 409) {
                // version_conflict_engine_exception: the index already holds this version or a newer one.
                superseded++;
            } else if (status == 404 && item.operationType() == OperationType.Delete && item.error() == null) {
                superseded++; // nothing to delete: the goal is reached
            } else if (status == 429 || status >= 500 || status == 404) {
                // Any other 404: the index or alias is missing (being recreated); retry later.
                throw new IndexUnavailableException(
                        "Item " + item.id() + " failed with HTTP " + status + ": " + describe(item.error()));
            } else {
                rejected.add(new Rejected(Long.parseLong(item.id()), describe(item.error())));
            }
        }
        return new Result(written, superseded, List.copyOf(rejected));
    }

    static String describe(ErrorCause error) {
        if (error == null) {
            return "unknown error";
        }
        StringBuilder reason = new StringBuilder();
        reason.append(error.type()).append(": ").append(error.reason());
        if (error.causedBy() != null) {
            reason.append(" (caused by ")
                    .append(error.causedBy().type())
                    .append(": ")
                    .append(error.causedBy().reason())
                    .append(')');
        }
        return reason.toString();
    }
}
