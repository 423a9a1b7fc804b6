package fr.guichetbio.catalogue.index.match;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import fr.guichetbio.catalogue.index.CatalogueFields;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import fr.guichetbio.catalogue.index.search.MatchingSites;
import fr.guichetbio.catalogue.index.search.SearchUnavailableException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Shortlists the manufacturer sites for a {@link Need} with one Elasticsearch request over the catalogue index: the
 * required criteria are filters, each preferred criterion a named {@code constant_score} clause whose boost is its
 * {@link Criterion#weight}, so a site's score is the sum of the weights it meets and the clauses Elasticsearch reports
 * as matched ({@code matched_queries}) are the explanation — one definition of each criterion for filtering, ranking
 * and explaining. Ties are broken by the site key: the same need on the same catalogue gives the same order.
 * Thread-safe.
 */
public class Shortlister {

    /** The member states of the European Union (ISO 3166-1 alpha-2, as the catalogue stores countries), 2026. */
    static final List<String> EU_COUNTRIES = List.of(
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
            "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    static final List<String> SOURCE = List.of(
            CatalogueFields.KEY,
            CatalogueFields.NAME,
            CatalogueFields.ORGANISATION_NAME,
            CatalogueFields.ORGANISATION_SLUG,
            CatalogueFields.CITY,
            CatalogueFields.REGION,
            CatalogueFields.COUNTRY,
            CatalogueFields.LOCATION,
            CatalogueFields.LARGEST_VOLUME,
            CatalogueFields.VERIFICATION,
            CatalogueFields.AVAILABILITY_QUARTERS,
            CatalogueFields.NEXT_SLOT);

    private final ElasticsearchClient client;
    private final String index;

    public Shortlister(ElasticsearchClient client) {
        this(client, CatalogueIndexSchema.ALIAS);
    }

    /** Searches {@code index} (an alias or index name) instead of the catalogue alias, e.g. in tests. */
    public Shortlister(ElasticsearchClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * The best {@code size} sites for a need and how many meet its required criteria.
     *
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public Shortlist shortlist(Need need, int size) {
        SearchResponse<ShortlistSite> response = send(request(need, size));
        List<Shortlist.Candidate> candidates = new ArrayList<>();
        for (Hit<ShortlistSite> hit : response.hits().hits()) {
            candidates.add(candidate(need, hit));
        }
        long total = response.hits().total() == null
                ? candidates.size()
                : response.hits().total().value();
        return new Shortlist(total, candidates);
    }

    /** The request {@link #shortlist} sends (no network). */
    public SearchRequest request(Need need, int size) {
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("size must be within 1..100: " + size);
        }
        List<Query> filters = List.copyOf(required(need).values());
        List<Query> ranking = preferred(need).entrySet().stream()
                .map(e -> named(e.getKey(), e.getValue(), weight(e.getKey())))
                .toList();
        return SearchRequest.of(s -> s.index(index)
                .size(size)
                .trackTotalHits(t -> t.enabled(true))
                .source(src -> src.filter(f -> f.includes(SOURCE)))
                .query(q -> q.bool(b -> b.filter(filters).should(ranking)))
                .sort(
                        SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))),
                        SortOptions.of(
                                o -> o.field(f -> f.field(CatalogueFields.KEY).order(SortOrder.Asc)))));
    }

    /**
     * The sites meeting a need's required criteria, by key, up to {@code limit}: the shortlist's filters without its
     * ranking, for alerts that compare sets from one day to the next.
     *
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public MatchingSites matching(Need need, int limit) {
        SearchResponse<ShortlistSite> response = send(matchingRequest(need, limit));
        List<MatchingSites.Site> sites = new ArrayList<>();
        for (Hit<ShortlistSite> hit : response.hits().hits()) {
            ShortlistSite site = hit.source();
            sites.add(new MatchingSites.Site(site.key(), site.name(), site.city()));
        }
        long total = response.hits().total() == null
                ? sites.size()
                : response.hits().total().value();
        return new MatchingSites(total, sites);
    }

    /** The request {@link #matching} sends (no network). */
    public SearchRequest matchingRequest(Need need, int limit) {
        MatchingSites.checkLimit(limit);
        List<Query> filters = List.copyOf(required(need).values());
        return SearchRequest.of(s -> s.index(index)
                .size(limit)
                .trackTotalHits(t -> t.enabled(true))
                .source(src ->
                        src.filter(f -> f.includes(CatalogueFields.KEY, CatalogueFields.NAME, CatalogueFields.CITY)))
                .query(q -> q.bool(b -> b.filter(filters)))
                .sort(SortOptions.of(
                        o -> o.field(f -> f.field(CatalogueFields.KEY).order(SortOrder.Asc)))));
    }

    /**
     * Why a site is not on the shortlist of a need: the required criteria it fails, asked of Elasticsearch with the
     * same clauses that filter the shortlist; empty when no public site has that key.
     *
     * @throws SearchUnavailableException when Elasticsearch cannot answer
     */
    public Optional<Shortlist.Exclusion> whyMissing(Need need, String siteKey) {
        Map<String, Query> required = required(need);
        List<Query> named = required.entrySet().stream()
                .map(e -> named(e.getKey(), e.getValue(), 0))
                .toList();
        SearchResponse<ShortlistSite> response = send(SearchRequest.of(s -> s.index(index)
                .size(1)
                .source(src -> src.fetch(false))
                .query(q -> q.bool(b -> b.filter(
                                f -> f.term(t -> t.field(CatalogueFields.KEY).value(siteKey)))
                        .should(named)))));
        if (response.hits().hits().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> matched = matched(response.hits().hits().getFirst());
        List<Shortlist.Check> failed = required.keySet().stream()
                .filter(name -> !matched.containsKey(name))
                .map(name -> check(name, Shortlist.Status.NOT_MET))
                .toList();
        return Optional.of(new Shortlist.Exclusion(siteKey, failed));
    }

    /** The required criteria the need asks about, named: what excludes a site. */
    static Map<String, Query> required(Need need) {
        Map<String, Query> required = new LinkedHashMap<>();
        required.put(Criterion.MODALITY.name(), term(CatalogueFields.MODALITIES, need.modality()));
        if (need.stage() != null) {
            required.put(Criterion.STAGE.name(), term(CatalogueFields.STAGES, need.stage()));
        }
        switch (need.region()) {
            case Need.Region.Anywhere anywhere -> {}
            case Need.Region.France france ->
                required.put(Criterion.REGION.name(), term(CatalogueFields.COUNTRY, "FR"));
            case Need.Region.EuropeanUnion union ->
                required.put(Criterion.REGION.name(), terms(CatalogueFields.COUNTRY, EU_COUNTRIES));
            case Need.Region.Near near ->
                required.put(
                        Criterion.REGION.name(),
                        Query.of(q -> q.geoDistance(g -> g.field(CatalogueFields.LOCATION)
                                .distance(near.radiusKm() + "km")
                                .location(l -> l.latlon(ll -> ll.lat(near.lat()).lon(near.lon()))))));
        }
        if (need.minimumVerification() != Need.Verification.SELF_DECLARED) {
            required.put(
                    Criterion.VERIFICATION.name(),
                    terms(
                            CatalogueFields.VERIFICATION,
                            need.minimumVerification().andAbove().stream()
                                    .map(Enum::name)
                                    .toList()));
        }
        for (String technology : need.technologies()) {
            required.put(name(Criterion.TECHNOLOGY, technology), term(CatalogueFields.TECHNOLOGIES, technology));
        }
        if (need.gmp()) {
            required.put(
                    Criterion.GMP.name(),
                    Query.of(q -> q.term(t -> t.field(CatalogueFields.GMP).value(true))));
        }
        return required;
    }

    /**
     * The preferred criteria the need asks about, named ({@code SERVICE:<code>} for each service, {@code
     * TECHNOLOGY_PREFERRED:<code>} for each technology): what ranks.
     */
    static Map<String, Query> preferred(Need need) {
        Map<String, Query> preferred = new LinkedHashMap<>();
        if (need.expressionSystem() != null) {
            preferred.put(
                    Criterion.EXPRESSION_SYSTEM.name(),
                    term(CatalogueFields.EXPRESSION_SYSTEMS, need.expressionSystem()));
        }
        for (String service : need.services()) {
            preferred.put(name(Criterion.SERVICE, service), term(CatalogueFields.SERVICES, service));
        }
        for (String technology : need.preferredTechnologies()) {
            preferred.put(
                    name(Criterion.TECHNOLOGY_PREFERRED, technology), term(CatalogueFields.TECHNOLOGIES, technology));
        }
        if (need.litresPerBatch() != null) {
            double litres = need.litresPerBatch();
            preferred.put(
                    Criterion.VOLUME.name(),
                    Query.of(q -> q.range(r -> r.number(
                            n -> n.field(CatalogueFields.LARGEST_VOLUME).gte(litres)))));
            preferred.put(
                    Criterion.VOLUME_PARTLY.name(),
                    Query.of(q -> q.range(r -> r.number(n -> n.field(CatalogueFields.LARGEST_VOLUME)
                            .gte(litres / 2)
                            .lt(litres)))));
        }
        if (!need.startQuarters().isEmpty()) {
            preferred.put(Criterion.START.name(), terms(CatalogueFields.AVAILABILITY_QUARTERS, need.startQuarters()));
        }
        return preferred;
    }

    private static Shortlist.Candidate candidate(Need need, Hit<ShortlistSite> hit) {
        ShortlistSite site = hit.source();
        Map<String, Double> matched = matched(hit);
        List<Shortlist.Check> checks = new ArrayList<>();
        // Every shortlisted site meets the required criteria: the filters admitted it.
        for (String name : required(need).keySet()) {
            checks.add(check(name, Shortlist.Status.MET));
        }
        for (String name : preferred(need).keySet()) {
            if (name.equals(Criterion.VOLUME_PARTLY.name())) {
                continue;
            }
            Shortlist.Status status = matched.containsKey(name) ? Shortlist.Status.MET : Shortlist.Status.NOT_MET;
            if (name.equals(Criterion.VOLUME.name()) && matched.containsKey(Criterion.VOLUME_PARTLY.name())) {
                status = Shortlist.Status.PARTLY_MET;
            }
            checks.add(check(name, status));
        }
        Double distance = null;
        if (need.region() instanceof Need.Region.Near near && site.location() != null) {
            distance = CatalogueSearch.distanceKm(
                    near.lat(),
                    near.lon(),
                    site.location().lat(),
                    site.location().lon());
        }
        return new Shortlist.Candidate(
                site.key(),
                site.name(),
                site.organisationName(),
                site.organisationSlug(),
                site.city(),
                site.regionCode(),
                site.country(),
                site.largestVolumeLitres() == null ? 0 : site.largestVolumeLitres(),
                site.verification(),
                site.nextSlotFrom() == null ? null : LocalDate.parse(site.nextSlotFrom()),
                site.availabilityQuarters() == null ? List.of() : site.availabilityQuarters(),
                distance,
                hit.score() == null ? 0 : hit.score(),
                checks);
    }

    private static Map<String, Double> matched(Hit<?> hit) {
        return hit.matchedQueries() == null ? Map.of() : hit.matchedQueries();
    }

    private static float weight(String name) {
        return criterion(name).weight();
    }

    /** The name of a clause: the criterion's, followed by {@code :<code>} for a criterion asked once per code. */
    private static String name(Criterion criterion, String code) {
        return criterion.name() + ":" + code;
    }

    private static Criterion criterion(String name) {
        int colon = name.indexOf(':');
        return Criterion.valueOf(colon < 0 ? name : name.substring(0, colon));
    }

    /** The check a named clause gives, with its code for a criterion asked once per code. */
    private static Shortlist.Check check(String name, Shortlist.Status status) {
        int colon = name.indexOf(':');
        return new Shortlist.Check(criterion(name), colon < 0 ? null : name.substring(colon + 1), status);
    }

    /** A clause Elasticsearch names in {@code matched_queries} and that adds {@code boost} to the score when met. */
    private static Query named(String name, Query query, float boost) {
        return Query.of(q -> q.constantScore(c -> c.filter(query).boost(boost).queryName(name)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field)
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

    private SearchResponse<ShortlistSite> send(SearchRequest request) {
        try {
            return client.search(request, ShortlistSite.class);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Shortlist failed: " + e.getMessage(), e);
        }
    }
}
