package fr.guichetbio.catalogue.index.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.SuggestMode;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.TermsAggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionBoostMode;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionScore;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.HighlighterType;
import co.elastic.clients.elasticsearch.core.search.TermSuggestOption;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.NamedValue;
import fr.guichetbio.catalogue.index.CatalogueAnalysis;
import fr.guichetbio.catalogue.index.CatalogueFields;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The typed query API of the catalogue index: full-text, faceted, geographic search and autocomplete over the
 * {@value CatalogueIndexSchema#ALIAS} alias. Thread-safe; one instance per Elasticsearch client.
 *
 * <p>Text matching: the words go to a {@code multi_match} over name (×3), organisation name (×2), vocabulary labels
 * (×2), city and descriptions, analysed by the fields' search analyser (French folding and stemming plus the
 * bioproduction synonyms, so "mAb", "anticorps monoclonaux" and "monoclonal antibodies" meet), and to a second,
 * weaker fuzzy {@code match} on {@link CatalogueFields#TYPOS} (all those texts, see {@link #FUZZINESS}) analysed
 * without synonyms, for typos (fuzzy expansion of multi-word synonyms would multiply terms for little gain). A volume and a region named in the text become boosts
 * (see {@link QueryText}).
 *
 * <p>Facets are multi-select: the main query (text and place) decides the facet universe; the facet filters go into
 * {@code post_filter} (hits only) and each facet's counts come from a {@code filter} aggregation holding the filters of
 * the <em>other</em> facets (a plain {@code terms} aggregation when no other facet filters: the filter wrapper costs as
 * much as the counting).
 *
 * <p>Cost (measured with the search benchmark, 10,000 sites, 2 cores): highlighting is driven by the exact clause on
 * the highlighted field only ({@code highlight_query}), because the unified highlighter re-runs fuzzy clauses against
 * every hit's text and took ten times the rest of the request; and requests go through Elasticsearch's shard request cache, which serves a
 * repeated request until the index next changes (a refresh that changed documents drops it), so freshness is kept.
 */
public class CatalogueSearch {

    /** Highlight markers: private-use characters that cannot come from the catalogue's text, split into segments. */
    static final String MARK_START = "\uE000";

    static final String MARK_END = "\uE001";

    /** Results below which a spelling suggestion is offered. */
    static final int FEW_HITS = 3;

    static final int FACET_SIZE = 100;

    /**
     * Typo tolerance: words of 3 to 5 characters may be one edit away (a transposition counts as one), longer ones
     * two. Two-edit automata are costly to build (about 1.5 ms per word): they are built once per word, on the one
     * field {@link CatalogueFields#TYPOS}, not once per word and text field.
     */
    static final String FUZZINESS = "AUTO";

    /**
     * Score multipliers for a site at least as large as the volume named and for a site in the region named: they
     * reorder the sites that match the words (a region named is nearly a requirement, so it weighs more) without
     * lifting sites that match none of them, and without hiding the others.
     */
    static final double VOLUME_WEIGHT = 1.5;

    static final double REGION_WEIGHT = 2.5;
    private static final String FACET_PREFIX = "facet_";
    private static final String VALUES = "values";
    private static final String SPELLING = "spelling";

    private static final List<String> TEXT_FIELDS = List.of(
            CatalogueFields.NAME + "^3",
            CatalogueFields.ORGANISATION_NAME + "^2",
            CatalogueFields.VOCABULARY + "^2",
            CatalogueFields.CITY + ".text^2",
            CatalogueFields.DESCRIPTION);

    /**
     * What a hit shows as "matched": the vocabulary labels (modalities, services, stages…) the words found. Not the
     * name, organisation and city, on every result anyway, nor the descriptions: the highlighter looks up every query
     * term (synonyms included) in every highlighted field of every hit, about 4 ms a field for 20 hits.
     */
    private static final List<String> HIGHLIGHTED = List.of(CatalogueFields.VOCABULARY);

    private static final List<String> SOURCE = List.of(
            CatalogueFields.KEY,
            CatalogueFields.NAME,
            CatalogueFields.ORGANISATION_NAME,
            CatalogueFields.ORGANISATION_SLUG,
            CatalogueFields.CITY,
            CatalogueFields.REGION,
            CatalogueFields.COUNTRY,
            CatalogueFields.LOCATION,
            CatalogueFields.MODALITIES,
            CatalogueFields.LARGEST_VOLUME,
            CatalogueFields.VERIFICATION,
            CatalogueFields.NEXT_SLOT);

    private final ElasticsearchClient client;
    private final String index;

    public CatalogueSearch(ElasticsearchClient client) {
        this(client, CatalogueIndexSchema.ALIAS);
    }

    /** Searches {@code index} (an alias or index name) instead of the catalogue alias, e.g. in tests. */
    public CatalogueSearch(ElasticsearchClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * Runs a query.
     *
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public CatalogueResults search(CatalogueQuery query) {
        SearchResponse<JsonData> response;
        try {
            response = client.search(request(query), JsonData.class);
        } catch (IOException | RuntimeException e) {
            // ElasticsearchException (e.g. no index yet) and the transport's unchecked failures alike.
            throw new SearchUnavailableException("Catalogue search failed: " + e.getMessage(), e);
        }
        return results(query, response);
    }

    /** The search request of a query (no network): what {@link #search} sends. */
    public SearchRequest request(CatalogueQuery query) {
        QueryText text = QueryText.parse(query.text());
        Map<Facet, Query> filters = new EnumMap<>(Facet.class);
        query.filters().forEach((facet, values) -> filters.put(facet, terms(facet, values)));
        return SearchRequest.of(s -> {
            s.index(index)
                    .requestCache(true)
                    .query(mainQuery(text, query.near()))
                    .from(query.page() * query.size())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes(SOURCE)))
                    .sort(sort(query));
            if (!filters.isEmpty()) {
                s.postFilter(and(filters.values()));
            }
            for (Facet facet : Facet.values()) {
                List<Query> others = filters.entrySet().stream()
                        .filter(e -> e.getKey() != facet)
                        .map(Map.Entry::getValue)
                        .toList();
                if (others.isEmpty()) {
                    s.aggregations(FACET_PREFIX + facet.name(), a -> a.terms(facetTerms(facet)));
                } else {
                    s.aggregations(
                            FACET_PREFIX + facet.name(),
                            a -> a.filter(and(others)).aggregations(VALUES, v -> v.terms(facetTerms(facet))));
                }
            }
            if (!text.words().isEmpty()) {
                // Whole labels (no fragments): each is short, and a cut label reads wrong.
                List<NamedValue<HighlightField>> fields = HIGHLIGHTED.stream()
                        .map(field -> NamedValue.of(field, HighlightField.of(f -> f.numberOfFragments(0))))
                        .toList();
                s.highlight(h -> h.preTags(MARK_START)
                        .postTags(MARK_END)
                        .type(HighlighterType.Unified)
                        .highlightQuery(exactWords(text, HIGHLIGHTED))
                        .fields(fields));
                // Term suggestions for the words the catalogue does not hold as written, from its words as written.
                s.suggest(sg -> sg.text(text.words())
                        .suggesters(
                                SPELLING,
                                fs -> fs.term(t -> t.field(CatalogueFields.SPELLING)
                                        .analyzer(CatalogueAnalysis.WORDS)
                                        .suggestMode(SuggestMode.Missing)
                                        .size(1))));
            }
            return s;
        });
    }

    private static Query mainQuery(QueryText text, CatalogueQuery.Near near) {
        Query matching = matching(text, near);
        List<FunctionScore> functions = new ArrayList<>();
        text.minimumLitres()
                .ifPresent(litres -> functions.add(FunctionScore.of(f -> f.filter(r -> r.range(n -> n.number(range ->
                                range.field(CatalogueFields.LARGEST_VOLUME).gte(litres))))
                        .weight(VOLUME_WEIGHT))));
        if (text.regionCode() != null) {
            functions.add(FunctionScore.of(f -> f.filter(t ->
                            t.term(term -> term.field(CatalogueFields.REGION).value(text.regionCode())))
                    .weight(REGION_WEIGHT)));
        }
        if (functions.isEmpty()) {
            return matching;
        }
        return Query.of(q -> q.functionScore(fs -> fs.query(matching)
                .functions(functions)
                .scoreMode(FunctionScoreMode.Multiply)
                .boostMode(FunctionBoostMode.Multiply)));
    }

    private static Query matching(QueryText text, CatalogueQuery.Near near) {
        return Query.of(q -> q.bool(b -> {
            if (text.words().isEmpty()) {
                b.must(matchAll());
            } else {
                b.must(m -> m.bool(words -> words.should(exactWords(text, TEXT_FIELDS))
                        .should(s -> s.match(mm -> mm.field(CatalogueFields.TYPOS)
                                .query(text.words())
                                .analyzer(CatalogueAnalysis.FRENCH)
                                .fuzziness(FUZZINESS)
                                .prefixLength(1)
                                .maxExpansions(20)))
                        // Every word must match somewhere when the words form a phrase of a name or label.
                        .should(s -> s.multiMatch(mm -> mm.query(text.words())
                                .fields(TEXT_FIELDS)
                                .type(TextQueryType.CrossFields)
                                .operator(Operator.And)
                                .boost(1.5f)))
                        .minimumShouldMatch("1")));
            }
            if (near != null) {
                b.filter(f -> f.geoDistance(g -> g.field(CatalogueFields.LOCATION)
                        .distance(near.radiusKm() + "km")
                        .location(l -> l.latlon(ll -> ll.lat(near.lat()).lon(near.lon())))));
            }
            return b;
        }));
    }

    /** The words as written or as their synonyms, in {@code fields}: the strongest clause, and what highlights show. */
    private static Query exactWords(QueryText text, List<String> fields) {
        return Query.of(q -> q.multiMatch(mm -> mm.query(text.words())
                .fields(fields)
                .type(TextQueryType.BestFields)
                .tieBreaker(0.3)
                .boost(2.0f)));
    }

    private static TermsAggregation facetTerms(Facet facet) {
        return TermsAggregation.of(t -> t.field(facet.field()).size(FACET_SIZE));
    }

    private static List<SortOptions> sort(CatalogueQuery query) {
        List<SortOptions> sort = new ArrayList<>();
        switch (query.sort()) {
            case RELEVANCE -> sort.add(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))));
            case DISTANCE ->
                sort.add(SortOptions.of(o -> o.geoDistance(g -> g.field(CatalogueFields.LOCATION)
                        .location(l -> l.latlon(ll ->
                                ll.lat(query.near().lat()).lon(query.near().lon())))
                        .order(SortOrder.Asc))));
            case VOLUME ->
                sort.add(SortOptions.of(o -> o.field(f -> f.field(CatalogueFields.LARGEST_VOLUME)
                        .order(SortOrder.Desc)
                        .missing("_last"))));
            case AVAILABILITY ->
                sort.add(SortOptions.of(o -> o.field(f ->
                        f.field(CatalogueFields.NEXT_SLOT).order(SortOrder.Asc).missing("_last"))));
        }
        if (query.sort() != CatalogueQuery.Sort.RELEVANCE) {
            sort.add(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))));
        }
        // A stable order across pages for equal scores.
        sort.add(SortOptions.of(o -> o.field(f -> f.field(CatalogueFields.KEY).order(SortOrder.Asc))));
        return sort;
    }

    private static Query terms(Facet facet, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(facet.field())
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

    private static Query and(java.util.Collection<Query> queries) {
        return Query.of(q -> q.bool(b -> b.filter(List.copyOf(queries))));
    }

    private static Query matchAll() {
        return Query.of(q -> q.matchAll(m -> m));
    }

    private CatalogueResults results(CatalogueQuery query, SearchResponse<JsonData> response) {
        List<CatalogueResults.Hit> hits = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            JsonObject source = hit.source() == null
                    ? JsonValue.EMPTY_JSON_OBJECT
                    : hit.source().toJson(client._jsonpMapper()).asJsonObject();
            hits.add(hit(hit.id(), source, hit.highlight(), query.near()));
        }
        Map<Facet, List<CatalogueResults.Bucket>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            Aggregate aggregate = response.aggregations().get(FACET_PREFIX + facet.name());
            Aggregate values = aggregate != null && aggregate.isFilter()
                    ? aggregate.filter().aggregations().get(VALUES)
                    : aggregate;
            List<CatalogueResults.Bucket> buckets = new ArrayList<>();
            if (values != null && values.isSterms()) {
                for (StringTermsBucket bucket : values.sterms().buckets().array()) {
                    buckets.add(new CatalogueResults.Bucket(bucket.key().stringValue(), bucket.docCount()));
                }
            }
            facets.put(facet, buckets);
        }
        long total = response.hits().total() == null
                ? hits.size()
                : response.hits().total().value();
        String suggestion = total < FEW_HITS ? suggestion(response, QueryText.parse(query.text())) : null;
        return new CatalogueResults(total, hits, facets, suggestion);
    }

    static CatalogueResults.Hit hit(
            String id, JsonObject source, Map<String, List<String>> highlight, CatalogueQuery.Near near) {
        Double distance = null;
        JsonValue location = source.get(CatalogueFields.LOCATION);
        if (near != null && location instanceof JsonObject point) {
            distance = distanceKm(near.lat(), near.lon(), number(point.get("lat")), number(point.get("lon")));
        }
        String nextSlot = string(source, CatalogueFields.NEXT_SLOT);
        List<List<CatalogueResults.Segment>> highlights = new ArrayList<>();
        for (String field : HIGHLIGHTED) {
            List<String> fragments = highlight == null ? null : highlight.get(field);
            if (fragments != null) {
                fragments.forEach(fragment -> highlights.add(segments(fragment)));
            }
        }
        return new CatalogueResults.Hit(
                parseId(id),
                string(source, CatalogueFields.KEY),
                string(source, CatalogueFields.NAME),
                string(source, CatalogueFields.ORGANISATION_NAME),
                string(source, CatalogueFields.ORGANISATION_SLUG),
                string(source, CatalogueFields.CITY),
                string(source, CatalogueFields.REGION),
                string(source, CatalogueFields.COUNTRY),
                strings(source, CatalogueFields.MODALITIES),
                number(source.get(CatalogueFields.LARGEST_VOLUME)),
                string(source, CatalogueFields.VERIFICATION),
                nextSlot == null ? null : LocalDate.parse(nextSlot),
                distance,
                highlights);
    }

    /** Splits a highlighted fragment at the markers set in the request into plain-text segments. */
    static List<CatalogueResults.Segment> segments(String fragment) {
        List<CatalogueResults.Segment> segments = new ArrayList<>();
        int at = 0;
        while (at < fragment.length()) {
            int start = fragment.indexOf(MARK_START, at);
            if (start < 0) {
                segments.add(new CatalogueResults.Segment(fragment.substring(at), false));
                break;
            }
            if (start > at) {
                segments.add(new CatalogueResults.Segment(fragment.substring(at, start), false));
            }
            int end = fragment.indexOf(MARK_END, start);
            if (end < 0) {
                end = fragment.length();
            }
            String marked = fragment.substring(start + MARK_START.length(), end);
            if (!marked.isEmpty()) {
                segments.add(new CatalogueResults.Segment(marked, true));
            }
            at = Math.min(fragment.length(), end + MARK_END.length());
        }
        return segments;
    }

    /**
     * The words with each unknown word replaced by the catalogue's closest word, or null when none was unknown or the
     * correction only puts back accents (the search ignores them: the same results would come back).
     */
    private static String suggestion(SearchResponse<JsonData> response, QueryText text) {
        List<co.elastic.clients.elasticsearch.core.search.Suggestion<JsonData>> spelling =
                response.suggest().get(SPELLING);
        if (spelling == null || spelling.isEmpty()) {
            return null;
        }
        StringBuilder corrected = new StringBuilder();
        boolean changed = false;
        for (var entry : spelling) {
            if (entry.isTerm()) {
                List<TermSuggestOption> options = entry.term().options();
                corrected
                        .append(
                                options.isEmpty()
                                        ? entry.term().text()
                                        : options.getFirst().text())
                        .append(' ');
                changed |= !options.isEmpty();
            }
        }
        String suggestion = corrected.toString().strip();
        return changed && !QueryText.fold(suggestion).equals(QueryText.fold(text.words())) ? suggestion : null;
    }

    /**
     * Autocomplete: site names, organisation names and cities whose words start like {@code prefix}, then the
     * modality labels that do (given by the caller in the reader's language, code → label).
     *
     * @param limit the most proposals returned
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public List<Suggestion> suggest(String prefix, Map<String, String> modalityLabels, int limit) {
        String folded = QueryText.fold(prefix == null ? "" : prefix);
        if (folded.length() < 2) {
            return List.of();
        }
        SearchResponse<JsonData> response;
        try {
            response = client.search(
                    s -> s.index(index)
                            .size(20)
                            .query(q -> q.match(m -> m.field(CatalogueFields.SUGGEST)
                                    .query(folded)
                                    .operator(Operator.And)))
                            .source(src -> src.filter(f -> f.includes(
                                    CatalogueFields.KEY,
                                    CatalogueFields.NAME,
                                    CatalogueFields.ORGANISATION_NAME,
                                    CatalogueFields.ORGANISATION_SLUG,
                                    CatalogueFields.CITY))),
                    JsonData.class);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Catalogue autocomplete failed: " + e.getMessage(), e);
        }
        Set<Suggestion> proposals = new LinkedHashSet<>();
        List<Suggestion> organisations = new ArrayList<>();
        List<Suggestion> cities = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            if (hit.source() == null) {
                continue;
            }
            JsonObject source = hit.source().toJson(client._jsonpMapper()).asJsonObject();
            String name = string(source, CatalogueFields.NAME);
            if (startsAWord(name, folded)) {
                proposals.add(new Suggestion(Suggestion.Kind.SITE, name, string(source, CatalogueFields.KEY)));
            }
            String organisation = string(source, CatalogueFields.ORGANISATION_NAME);
            if (startsAWord(organisation, folded)) {
                organisations.add(new Suggestion(
                        Suggestion.Kind.ORGANISATION, organisation, string(source, CatalogueFields.ORGANISATION_SLUG)));
            }
            String city = string(source, CatalogueFields.CITY);
            if (startsAWord(city, folded)) {
                cities.add(new Suggestion(Suggestion.Kind.CITY, city, city));
            }
        }
        List<Suggestion> modalities = new ArrayList<>();
        modalityLabels.forEach((code, label) -> {
            if (startsAWord(label, folded)) {
                modalities.add(new Suggestion(Suggestion.Kind.MODALITY, label, code));
            }
        });
        // Modalities and places first: few, and they broaden the search; then organisations, then sites.
        List<Suggestion> ordered = new ArrayList<>(modalities);
        ordered.addAll(cities);
        ordered.addAll(organisations);
        ordered.addAll(proposals);
        return ordered.stream().distinct().limit(limit).toList();
    }

    /** Whether some word of {@code text} (folded) starts with the folded prefix (or the text does). */
    static boolean startsAWord(String text, String foldedPrefix) {
        if (text == null) {
            return false;
        }
        String folded = " " + QueryText.fold(text);
        return folded.contains(" " + foldedPrefix);
    }

    /** Great-circle distance (haversine, mean Earth radius), rounded to 0.1 km. */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        double km = 6371.0088 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
        return Math.round(km * 10) / 10.0;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String string(JsonObject source, String field) {
        JsonValue value = source.get(field);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static List<String> strings(JsonObject source, String field) {
        JsonValue value = source.get(field);
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (value instanceof jakarta.json.JsonArray array) {
            return array.stream()
                    .filter(JsonString.class::isInstance)
                    .map(v -> ((JsonString) v).getString())
                    .toList();
        }
        return List.of();
    }

    private static double number(JsonValue value) {
        if (value instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (value instanceof JsonString s) {
            try {
                return Double.parseDouble(s.getString().toLowerCase(Locale.ROOT));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
