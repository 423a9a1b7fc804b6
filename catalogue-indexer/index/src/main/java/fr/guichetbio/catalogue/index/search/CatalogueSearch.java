package fr.guichetbio.catalogue.index.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.SuggestMode;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.TermsAggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import fr.guichetbio.catalogue.index.CatalogueAnalysis;
import fr.guichetbio.catalogue.index.CatalogueFields;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import java.io.IOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The typed query API of the catalogue index: full-text, faceted, geographic search and autocomplete over the
 * {@value CatalogueIndexSchema#ALIAS} alias. Thread-safe; one instance per Elasticsearch client.
 *
 * <p>Matching: a site is in the result set only if it meets every {@link QueryTerm} of the query. Concepts, places,
 * departments and volumes are filters on exact-value fields (cached by Elasticsearch, and exact: a facet count is the
 * number of listed sites that carry the value); the free words go to one {@code match} with {@code operator: and} on
 * {@link CatalogueFields#TYPOS} (every text of the site in one field), fuzzy per word (see {@link #FUZZINESS}), so
 * each word must match, as written or misspelt, and no single word admits a site on its own. When no site meets every
 * term, one more request counts the sites meeting all terms but one (or two), and the search answers with the fewest
 * terms left out, saying which ({@link CatalogueResults#dropped()}).
 *
 * <p>Ranking: a {@code multi_match} of the terms as typed over the name (×3) and organisation name (×2), with the
 * bioproduction synonyms, the free words over the vocabulary labels, and the town named, order the sites that match:
 * they never decide membership.
 *
 * <p>Facets are multi-select: the main query (terms and place) decides the facet universe; the facet filters go into
 * {@code post_filter} (hits only) and each facet's counts come from a {@code filter} aggregation holding the filters of
 * the <em>other</em> facets (a plain {@code terms} aggregation when no other facet filters: the filter wrapper costs as
 * much as the counting).
 *
 * <p>Cost (measured with the search benchmark, 10,000 sites, 2 cores): no highlighting (what matched is known from the
 * terms: the codes of a hit that a concept asked for); spelling corrections and relaxation are second requests made only
 * when few or no sites matched; requests go through Elasticsearch's shard request cache, which serves a repeated
 * request until the index next changes (a refresh that changed documents drops it), so freshness is kept.
 */
public class CatalogueSearch {

    /** Results below which spelling corrections are looked for. */
    static final int FEW_HITS = 3;

    static final int FACET_SIZE = 100;

    /**
     * Typo tolerance of a free word: words of 3 to 5 characters may be one edit away (a transposition counts as one),
     * longer ones two. Two-edit automata are costly to build (about 1.5 ms per word): they are built once per word, on
     * the one field {@link CatalogueFields#TYPOS}, not once per word and text field.
     */
    static final String FUZZINESS = "AUTO";

    /** The most terms a relaxation leaves out: beyond two, the results would answer another question. */
    static final int MOST_DROPPED = 2;

    /** The country code of the sites a department holds (ISO 3166, as {@link CatalogueFields#COUNTRY} stores it). */
    private static final String FRANCE = "FR";

    private static final String FACET_PREFIX = "facet_";
    private static final String VALUES = "values";
    private static final String SPELLING = "spelling";
    private static final String RELAXED = "relaxed";

    /**
     * What orders the matching sites by the typed words and concepts: names, with synonyms. Not the vocabulary labels:
     * every result carries the concepts asked for (they are filters), so the labels only repeated the filter, at a
     * third of a fresh request's cost (the synonym phrases over the labels of thousands of sites).
     */
    private static final List<String> RANKED_FIELDS =
            List.of(CatalogueFields.NAME + "^3", CatalogueFields.ORGANISATION_NAME + "^2");

    /** The weight of a site in the town named, next to those within its radius. */
    static final float TOWN_BOOST = 2;

    static final List<String> SOURCE = List.of(
            CatalogueFields.KEY,
            CatalogueFields.NAME,
            CatalogueFields.ORGANISATION_NAME,
            CatalogueFields.ORGANISATION_SLUG,
            CatalogueFields.ORGANISATION_KIND,
            CatalogueFields.CITY,
            CatalogueFields.REGION,
            CatalogueFields.COUNTRY,
            CatalogueFields.LOCATION,
            CatalogueFields.MODALITIES,
            CatalogueFields.SERVICES,
            CatalogueFields.STAGES,
            CatalogueFields.EXPRESSION_SYSTEMS,
            CatalogueFields.TECHNOLOGIES,
            CatalogueFields.LARGEST_VOLUME,
            CatalogueFields.VERIFICATION,
            CatalogueFields.NEXT_SLOT);

    /** What {@link #matching} reads of a site. */
    static final List<String> MATCHING_SOURCE =
            List.of(CatalogueFields.KEY, CatalogueFields.NAME, CatalogueFields.CITY);

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
     * Runs a query: the sites meeting every term or, when none does, the sites meeting the most terms.
     *
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public CatalogueResults search(CatalogueQuery query) {
        SearchResponse<StoredSite> response = send(request(query));
        List<QueryTerm> dropped = List.of();
        if (total(response) == 0 && query.terms().size() > 1) {
            List<QueryTerm> kept = relaxation(query);
            if (kept != null) {
                dropped = query.terms().stream().filter(t -> !kept.contains(t)).toList();
                response = send(request(query.withTerms(kept)));
            }
        }
        Map<String, String> corrections =
                total(response) < FEW_HITS && !query.words().isEmpty() ? corrections(query.words()) : Map.of();
        return results(query, response, dropped, corrections);
    }

    /**
     * Sends every page of one search to the same shard copies, as Elasticsearch advises against "bouncing results":
     * with a replica, each copy refreshes and scores on its own, so the next page asked of the other copy could repeat
     * or skip a site. Made of the query's terms, filters, place and order, never of its page, and only of text (no
     * identity hash), so that every portal replica gives the same one.
     */
    static String preference(CatalogueQuery query) {
        return "catalogue-"
                + Integer.toHexString(java.util.Objects.hash(
                        query.terms().toString(),
                        query.filters().toString(),
                        String.valueOf(query.near()),
                        query.sort().name()));
    }

    /** The search request of a query (no network): what {@link #search} sends first. */
    public SearchRequest request(CatalogueQuery query) {
        Map<Facet, Query> filters = new EnumMap<>(Facet.class);
        query.filters().forEach((facet, values) -> filters.put(facet, terms(facet, values)));
        return SearchRequest.of(s -> {
            s.index(index)
                    .requestCache(true)
                    .preference(preference(query))
                    .query(mainQuery(query))
                    .from(query.page() * query.size())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes(SOURCE)))
                    .sort(sort(query));
            if (!filters.isEmpty()) {
                s.postFilter(and(filters.values()));
            }
            if (query.facets()) {
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
            }
            return s;
        });
    }

    /**
     * The sites meeting every term and filter of a query, by key, up to {@code limit}: exact matching only (no
     * relaxation, no spelling correction, no facets, no ranking), for alerts that compare sets from one day to the next.
     *
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public MatchingSites matching(CatalogueQuery query, int limit) {
        SearchResponse<StoredSite> response = send(matchingRequest(query, limit));
        List<MatchingSites.Site> sites = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            StoredSite site = hit.source() == null ? StoredSite.EMPTY : hit.source();
            sites.add(new MatchingSites.Site(site.key(), site.name(), site.city()));
        }
        return new MatchingSites(total(response), sites);
    }

    /** The request {@link #matching} sends (no network): the page's conditions and facet filters, as filters. */
    public SearchRequest matchingRequest(CatalogueQuery query, int limit) {
        MatchingSites.checkLimit(limit);
        List<Query> filters = new ArrayList<>(conditions(query.terms(), query.near()));
        query.filters().forEach((facet, values) -> filters.add(terms(facet, values)));
        return SearchRequest.of(s -> s.index(index)
                .query(filters.isEmpty() ? matchAll() : and(filters))
                .size(limit)
                .trackTotalHits(t -> t.enabled(true))
                .source(src -> src.filter(f -> f.includes(MATCHING_SOURCE)))
                .sort(SortOptions.of(
                        o -> o.field(f -> f.field(CatalogueFields.KEY).order(SortOrder.Asc)))));
    }

    private SearchResponse<StoredSite> send(SearchRequest request) {
        try {
            return client.search(request, StoredSite.class);
        } catch (IOException | RuntimeException e) {
            // ElasticsearchException (e.g. no index yet) and the transport's unchecked failures alike.
            throw new SearchUnavailableException("Catalogue search failed: " + e.getMessage(), e);
        }
    }

    private static long total(SearchResponse<StoredSite> response) {
        return response.hits().total() == null
                ? response.hits().hits().size()
                : response.hits().total().value();
    }

    /**
     * Every term is a condition; what orders the sites that meet them all: the words and concepts as typed in the names
     * ({@link #RANKED_FIELDS}), the free words in the vocabulary labels too (a label saying the word beats a description
     * that does), and a site in the town named before those around it.
     */
    private static Query mainQuery(CatalogueQuery query) {
        List<QueryTerm> terms = query.terms();
        String typed = terms.stream()
                .filter(t -> t instanceof QueryTerm.Word || t instanceof QueryTerm.Concept)
                .map(QueryTerm::text)
                .collect(Collectors.joining(" "));
        String words = String.join(" ", query.words());
        return Query.of(q -> q.bool(b -> {
            b.filter(conditions(terms, query.near()));
            if (!typed.isEmpty()) {
                b.should(s -> s.multiMatch(mm -> mm.query(typed)
                        .fields(RANKED_FIELDS)
                        .type(TextQueryType.BestFields)
                        .tieBreaker(0.3)));
            }
            if (!words.isEmpty()) {
                b.should(s -> s.match(m -> m.field(CatalogueFields.VOCABULARY).query(words)));
            }
            for (QueryTerm term : terms) {
                if (term instanceof QueryTerm.Place place) {
                    b.should(s -> s.term(t ->
                            t.field(CatalogueFields.CITY).value(place.name()).boost(TOWN_BOOST)));
                }
            }
            return b;
        }));
    }

    /** The conditions of {@code terms} and of the place chosen in the form, as filters. */
    private static List<Query> conditions(List<QueryTerm> terms, CatalogueQuery.Near near) {
        List<Query> conditions = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (QueryTerm term : terms) {
            switch (term) {
                case QueryTerm.Word word -> words.add(word.text());
                case QueryTerm.Concept concept -> conditions.add(terms(concept.facet(), concept.codes()));
                case QueryTerm.Gmp gmp ->
                    conditions.add(Query.of(
                            q -> q.term(t -> t.field(CatalogueFields.GMP).value(true))));
                case QueryTerm.MinimumVolume volume ->
                    conditions.add(Query.of(q -> q.range(r -> r.number(
                            n -> n.field(CatalogueFields.LARGEST_VOLUME).gte(volume.litres())))));
                // A French department: abroad, postal codes starting the same mean nothing (København 2100, not
                // Côte-d'Or).
                case QueryTerm.Department department ->
                    conditions.add(Query.of(q -> q.bool(b -> b.filter(f -> f.prefix(
                                    p -> p.field(CatalogueFields.POSTAL_CODE).value(department.postalPrefix())))
                            .filter(f ->
                                    f.term(t -> t.field(CatalogueFields.COUNTRY).value(FRANCE))))));
                case QueryTerm.Place place ->
                    conditions.add(Query.of(q ->
                            q.bool(b -> b.should(within(place.lat(), place.lon(), place.radiusKm()))
                                    .should(s -> s.term(
                                            t -> t.field(CatalogueFields.CITY).value(place.name())))
                                    .minimumShouldMatch("1"))));
            }
        }
        if (!words.isEmpty()) {
            conditions.add(words(words));
        }
        if (near != null) {
            conditions.add(within(near.lat(), near.lon(), near.radiusKm()));
        }
        return conditions;
    }

    /** Every word, each as written or within {@link #FUZZINESS} edits, somewhere in the site's texts. */
    private static Query words(List<String> words) {
        return Query.of(q -> q.match(m -> m.field(CatalogueFields.TYPOS)
                .query(String.join(" ", words))
                .analyzer(CatalogueAnalysis.FRENCH)
                .operator(Operator.And)
                .fuzziness(FUZZINESS)
                .prefixLength(1)
                .maxExpansions(20)));
    }

    private static Query within(double lat, double lon, int radiusKm) {
        return Query.of(q -> q.geoDistance(g -> g.field(CatalogueFields.LOCATION)
                .distance(radiusKm + "km")
                .location(l -> l.latlon(ll -> ll.lat(lat).lon(lon)))));
    }

    /**
     * The terms to keep when no site meets them all: the largest subset, leaving out at most {@link #MOST_DROPPED}
     * terms, that some site meets (the most sites among subsets of one size; the earlier terms kept on a tie), or
     * {@code null}. One request, counting every candidate subset with a {@code filters} aggregation.
     */
    private List<QueryTerm> relaxation(CatalogueQuery query) {
        List<QueryTerm> terms = query.terms();
        List<List<QueryTerm>> candidates = new ArrayList<>();
        for (int drop = 1; drop <= Math.min(MOST_DROPPED, terms.size() - 1); drop++) {
            candidates.addAll(withoutAny(terms, drop));
        }
        Map<String, Query> counted = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            counted.put(Integer.toString(i), and(conditions(candidates.get(i), null)));
        }
        List<Query> base = new ArrayList<>();
        if (query.near() != null) {
            base.add(within(query.near().lat(), query.near().lon(), query.near().radiusKm()));
        }
        query.filters().forEach((facet, values) -> base.add(terms(facet, values)));
        SearchResponse<StoredSite> response = send(SearchRequest.of(s -> s.index(index)
                .requestCache(true)
                .size(0)
                .trackTotalHits(t -> t.enabled(false))
                .query(q -> q.bool(b -> b.filter(base)))
                .aggregations(RELAXED, a -> a.filters(f -> f.filters(k -> k.keyed(counted))))));
        Aggregate aggregate = response.aggregations().get(RELAXED);
        if (aggregate == null || !aggregate.isFilters()) {
            return null;
        }
        var buckets = aggregate.filters().buckets().keyed();
        List<QueryTerm> best = null;
        long bestCount = 0;
        for (int i = 0; i < candidates.size(); i++) {
            List<QueryTerm> candidate = candidates.get(i);
            long count = buckets.get(Integer.toString(i)).docCount();
            // Candidates come fewest dropped first: a later one wins only with as many terms kept and more sites.
            if (count > 0 && (best == null || (candidate.size() == best.size() && count > bestCount))) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /** The lists {@code terms} without {@code drop} of them, in order (earlier terms kept first). */
    static List<List<QueryTerm>> withoutAny(List<QueryTerm> terms, int drop) {
        List<List<QueryTerm>> subsets = new ArrayList<>();
        collect(terms, terms.size() - drop, 0, new ArrayList<>(), subsets);
        return subsets;
    }

    private static void collect(
            List<QueryTerm> terms, int keep, int from, List<QueryTerm> chosen, List<List<QueryTerm>> subsets) {
        if (chosen.size() == keep) {
            subsets.add(List.copyOf(chosen));
            return;
        }
        for (int i = from; i <= terms.size() - (keep - chosen.size()); i++) {
            chosen.add(terms.get(i));
            collect(terms, keep, i + 1, chosen, subsets);
            chosen.removeLast();
        }
    }

    /**
     * The free words the catalogue does not hold as written, each with its closest word in the catalogue (names,
     * organisations, cities, labels, as written), when that word differs by more than accents (the search ignores them).
     */
    private Map<String, String> corrections(List<String> words) {
        SearchResponse<StoredSite> response = send(SearchRequest.of(s -> s.index(index)
                .size(0)
                .trackTotalHits(t -> t.enabled(false))
                .suggest(sg -> sg.text(String.join(" ", words))
                        .suggesters(
                                SPELLING,
                                fs -> fs.term(t -> t.field(CatalogueFields.SPELLING)
                                        .analyzer(CatalogueAnalysis.WORDS)
                                        .suggestMode(SuggestMode.Missing)
                                        .size(1))))));
        Map<String, String> corrections = new LinkedHashMap<>();
        var spelling = response.suggest().get(SPELLING);
        if (spelling != null) {
            for (var entry : spelling) {
                if (entry.isTerm() && !entry.term().options().isEmpty()) {
                    String word = entry.term().text();
                    String correction = entry.term().options().getFirst().text();
                    if (!fold(correction).equals(fold(word))) {
                        corrections.put(word, correction);
                    }
                }
            }
        }
        return corrections;
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

    private CatalogueResults results(
            CatalogueQuery query,
            SearchResponse<StoredSite> response,
            List<QueryTerm> dropped,
            Map<String, String> corrections) {
        List<CatalogueResults.Hit> hits = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            hits.add(hit(hit.id(), hit.source() == null ? StoredSite.EMPTY : hit.source(), query.near()));
        }
        Map<Facet, List<CatalogueResults.Bucket>> facets = new EnumMap<>(Facet.class);
        if (query.facets()) {
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
        }
        return new CatalogueResults(total(response), hits, facets, dropped, corrections);
    }

    static CatalogueResults.Hit hit(String id, StoredSite source, CatalogueQuery.Near near) {
        Double distance = null;
        if (near != null && source.location() != null) {
            distance = distanceKm(
                    near.lat(),
                    near.lon(),
                    source.location().lat(),
                    source.location().lon());
        }
        return new CatalogueResults.Hit(
                parseId(id),
                source.key(),
                source.name(),
                source.organisationName(),
                source.organisationSlug(),
                source.city(),
                source.regionCode(),
                source.country(),
                StoredSite.orEmpty(source.modalities()),
                StoredSite.orEmpty(source.services()),
                StoredSite.orEmpty(source.stages()),
                StoredSite.orEmpty(source.expressionSystems()),
                StoredSite.orEmpty(source.technologies()),
                source.organisationKind(),
                source.largestVolumeLitres() == null ? 0 : source.largestVolumeLitres(),
                source.verification(),
                source.nextSlotFrom() == null ? null : LocalDate.parse(source.nextSlotFrom()),
                distance);
    }

    /**
     * Autocomplete: site names, organisation names and cities whose words start like {@code prefix}, then the
     * modality labels that do (given by the caller in the reader's language, code → label).
     *
     * @param limit the most proposals returned
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public List<Suggestion> suggest(String prefix, Map<String, String> modalityLabels, int limit) {
        String folded = fold(prefix == null ? "" : prefix);
        if (folded.length() < 2) {
            return List.of();
        }
        SearchResponse<StoredSite> response;
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
                    StoredSite.class);
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
            StoredSite source = hit.source();
            String name = source.name();
            if (startsAWord(name, folded)) {
                proposals.add(new Suggestion(Suggestion.Kind.SITE, name, source.key()));
            }
            String organisation = source.organisationName();
            if (startsAWord(organisation, folded)) {
                organisations.add(
                        new Suggestion(Suggestion.Kind.ORGANISATION, organisation, source.organisationSlug()));
            }
            String city = source.city();
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
        String folded = " " + fold(text);
        return folded.contains(" " + foldedPrefix);
    }

    /** Lower case, no accents, punctuation other than apostrophes and dots as spaces, single spaces. */
    static String fold(String text) {
        String noAccents = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return noAccents
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[^\\p{L}\\p{N}'.]+", " ")
                .strip();
    }

    /** Great-circle distance (haversine, mean Earth radius), rounded to 0.1 km. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
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
}
