package fr.guichetbio.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.search.CatalogueQuery;
import fr.guichetbio.catalogue.index.search.CatalogueResults;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import fr.guichetbio.catalogue.index.search.MatchingSites;
import fr.guichetbio.catalogue.index.search.Suggestion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The catalogue search, timed: {@code guichet.search} (tags {@code operation} = search, suggest or matching, {@code
 * outcome} = success or error), the time the portal waits on Elasticsearch for the search pages, the API, the
 * autocomplete and the matchmaking — one timer wherever the search is called from.
 */
class TimedCatalogueSearch extends CatalogueSearch {

    static final String TIMER = "guichet.search";

    private final MeterRegistry meters;

    TimedCatalogueSearch(ElasticsearchClient client, MeterRegistry meters) {
        super(client);
        this.meters = meters;
    }

    @Override
    public CatalogueResults search(CatalogueQuery query) {
        return timed("search", () -> super.search(query));
    }

    @Override
    public List<Suggestion> suggest(String prefix, Map<String, String> modalityLabels, int limit) {
        return timed("suggest", () -> super.suggest(prefix, modalityLabels, limit));
    }

    @Override
    public MatchingSites matching(CatalogueQuery query, int limit) {
        return timed("matching", () -> super.matching(query, limit));
    }

    private <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder(TIMER)
                    .description("Catalogue searches in Elasticsearch")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(meters));
        }
    }
}
