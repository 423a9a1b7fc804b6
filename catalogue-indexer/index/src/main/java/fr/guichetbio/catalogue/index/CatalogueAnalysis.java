package fr.guichetbio.catalogue.index;

import java.util.Set;

/**
 * Names of the analyzers declared by {@code catalogue-index.json} and of the token filters it takes from the
 * {@code guichet-analysis} Elasticsearch plugin (module {@code catalogue-indexer/analysis-plugin}), which must be
 * installed on the server.
 */
public final class CatalogueAnalysis {

    /** Index analyzer of French text: standard, lowercase, elision, folding, light stem. */
    public static final String FRENCH = "guichet_french";
    /** Search analyzer of French text: {@link #FRENCH} followed by the bioproduction synonyms (graph). */
    public static final String FRENCH_SEARCH = "guichet_french_search";
    /** Index analyzer of the autocomplete field: normalisation then edge n-grams (2..20). */
    public static final String AUTOCOMPLETE = "guichet_autocomplete";
    /** Search analyzer of the autocomplete field: normalisation only. */
    public static final String AUTOCOMPLETE_SEARCH = "guichet_autocomplete_search";

    /** Analyzer of the spelling field: lowercase and elision only, so that suggestions keep stems and accents. */
    public static final String WORDS = "guichet_words";

    /** Token filters of the analysis plugin the schema relies on. */
    public static final Set<String> PLUGIN_TOKEN_FILTERS = Set.of(
            "guichet_lowercase",
            "guichet_french_elision",
            "guichet_folding",
            "guichet_french_stem",
            "guichet_bio_synonyms",
            "guichet_autocomplete_edge_ngram");

    /** The search-time-only filter: must never appear in an index analyzer. */
    public static final String SYNONYMS_FILTER = "guichet_bio_synonyms";

    private CatalogueAnalysis() {}
}
