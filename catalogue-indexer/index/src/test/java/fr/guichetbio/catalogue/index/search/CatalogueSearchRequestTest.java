package fr.guichetbio.catalogue.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.guichetbio.catalogue.index.CatalogueFields;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request sent for a query, checked as JSON without Elasticsearch. */
class CatalogueSearchRequestTest {

    private final CatalogueSearch search =
            new CatalogueSearch(ElasticsearchClient.of(b -> b.host("http://127.0.0.1:1")));

    private JsonNode json(CatalogueQuery query) throws Exception {
        return new ObjectMapper().readTree(JsonpUtils.toJsonString(search.request(query), new JacksonJsonpMapper()));
    }

    private static CatalogueQuery query(List<QueryTerm> terms, Map<Facet, List<String>> filters) {
        return new CatalogueQuery(terms, filters, null, CatalogueQuery.Sort.RELEVANCE, 0, 20, true);
    }

    @Test
    void everyPageOfOneSearchGoesToTheSameShardCopiesAndAnotherSearchMayNot() {
        CatalogueQuery first = query(List.of(new QueryTerm.Word("anticorps")), Map.of());
        CatalogueQuery third =
                new CatalogueQuery(first.terms(), first.filters(), null, CatalogueQuery.Sort.RELEVANCE, 2, 20, false);
        CatalogueQuery other = query(List.of(new QueryTerm.Word("vecteurs")), Map.of());

        assertThat(search.request(first).preference())
                .startsWith("catalogue-")
                .isEqualTo(search.request(third).preference())
                .isNotEqualTo(search.request(other).preference());
    }

    @Test
    void facetFiltersGoToThePostFilterAndEachFacetCountsWithTheOtherFacetsOnly() throws Exception {
        Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
        filters.put(Facet.MODALITIES, List.of("AAV", "MAB"));
        filters.put(Facet.REGIONS, List.of("11"));
        JsonNode request = json(query(List.of(), filters));

        String postFilter = request.get("post_filter").toString();
        assertThat(postFilter).contains("\"" + CatalogueFields.MODALITIES + "\"", "AAV", "MAB");
        assertThat(postFilter).contains("\"" + CatalogueFields.REGION + "\"", "\"11\"");
        assertThat(request.get("query").toString()).doesNotContain("AAV");

        JsonNode aggregations = request.get("aggregations");
        assertThat(aggregations.size()).isEqualTo(Facet.values().length);
        String modalityFacet = aggregations.get("facet_MODALITIES").toString();
        assertThat(modalityFacet).contains("\"11\"").doesNotContain("AAV");
        String regionFacet = aggregations.get("facet_REGIONS").toString();
        assertThat(regionFacet).contains("AAV", "MAB").doesNotContain("\"11\"");
        String stageFacet = aggregations.get("facet_STAGES").toString();
        assertThat(stageFacet).contains("AAV", "\"11\"");
        assertThat(aggregations
                        .get("facet_STAGES")
                        .get("aggregations")
                        .get("values")
                        .get("terms")
                        .get("field")
                        .asText())
                .isEqualTo(CatalogueFields.STAGES);
    }

    @Test
    void withoutFiltersThereIsNoPostFilterAndFacetsCountEverything() throws Exception {
        JsonNode request = json(query(List.of(), Map.of()));
        assertThat(request.has("post_filter")).isFalse();
        // No other facet filters: a plain terms aggregation, without a filter wrapper that would cost as much again.
        JsonNode modalities = request.get("aggregations").get("facet_MODALITIES");
        assertThat(modalities.has("filter")).isFalse();
        assertThat(modalities.get("terms").get("field").asText()).isEqualTo(CatalogueFields.MODALITIES);
        assertThat(request.has("highlight")).isFalse();
    }

    @Test
    void everyTermIsAFilterAndTheFreeWordsMustAllMatchEachWithItsTypos() throws Exception {
        JsonNode json = json(query(
                List.of(
                        new QueryTerm.Concept("ADN plasmidique", Facet.MODALITIES, List.of("PLASMID_DNA")),
                        new QueryTerm.Place("Lyon", "Lyon", 45.76, 4.84, 50),
                        new QueryTerm.Department("Rhône", "Rhône", "69"),
                        new QueryTerm.MinimumVolume("200 L", 200),
                        new QueryTerm.Gmp("BPF"),
                        new QueryTerm.Word("inox"),
                        new QueryTerm.Word("perfusion")),
                Map.of()));
        JsonNode bool = json.get("query").get("bool");
        assertThat(bool.has("must")).isFalse();
        String filters = bool.get("filter").toString();
        assertThat(filters)
                .contains("\"" + CatalogueFields.MODALITIES + "\":[\"PLASMID_DNA\"]")
                .contains("geo_distance", "50km", "\"" + CatalogueFields.CITY + "\":{\"value\":\"Lyon\"")
                .contains("\"prefix\":{\"" + CatalogueFields.POSTAL_CODE + "\":{\"value\":\"69\"")
                .contains("\"" + CatalogueFields.COUNTRY + "\":{\"value\":\"FR\"")
                .contains(CatalogueFields.LARGEST_VOLUME, "\"gte\":200")
                .contains("\"" + CatalogueFields.GMP + "\":{\"value\":true");
        // The words: one match on the field holding every text, every word required, each fuzzy on its own.
        JsonNode words = bool.get("filter")
                .get(bool.get("filter").size() - 1)
                .get("match")
                .get(CatalogueFields.TYPOS);
        assertThat(words.get("query").asText()).isEqualTo("inox perfusion");
        assertThat(words.get("operator").asText()).isEqualToIgnoringCase("and");
        assertThat(words.get("fuzziness").asText()).isEqualTo(CatalogueSearch.FUZZINESS);
        // Ranking only: the typed words and concepts against names and labels, never a condition.
        String ranking = bool.get("should").toString();
        assertThat(ranking).contains("ADN plasmidique inox perfusion", CatalogueFields.NAME + "^3");
        // The labels rank by the free words only: every result carries the concepts asked for.
        JsonNode should = bool.get("should");
        assertThat(should.get(0).get("multi_match").get("fields").toString())
                .doesNotContain(CatalogueFields.VOCABULARY);
        assertThat(should.get(1)
                        .get("match")
                        .get(CatalogueFields.VOCABULARY)
                        .get("query")
                        .asText())
                .isEqualTo("inox perfusion");
        // The town named first, then the sites around it.
        assertThat(should.get(2)
                        .get("term")
                        .get(CatalogueFields.CITY)
                        .get("value")
                        .asText())
                .isEqualTo("Lyon");
        assertThat(should.size()).isEqualTo(3);
        assertThat(json.has("highlight")).isFalse();
        assertThat(json.has("suggest")).isFalse();
    }

    @Test
    void requestsGoThroughTheShardRequestCache() {
        assertThat(search.request(query(List.of(new QueryTerm.Word("aav")), Map.of()))
                        .requestCache())
                .isTrue();
    }

    @Test
    void facetsCanBeLeftOut() throws Exception {
        JsonNode request = json(new CatalogueQuery(
                List.of(new QueryTerm.Word("aav")), Map.of(), null, CatalogueQuery.Sort.RELEVANCE, 0, 20, false));
        assertThat(request.has("aggregations")).isFalse();
    }

    @Test
    void relaxationCandidatesLeaveOutOneTermThenTwoKeepingTheEarlierFirst() {
        QueryTerm a = new QueryTerm.Word("a");
        QueryTerm b = new QueryTerm.Word("b");
        QueryTerm c = new QueryTerm.Word("c");
        assertThat(CatalogueSearch.withoutAny(List.of(a, b, c), 1))
                .containsExactly(List.of(a, b), List.of(a, c), List.of(b, c));
        assertThat(CatalogueSearch.withoutAny(List.of(a, b, c), 2)).containsExactly(List.of(a), List.of(b), List.of(c));
    }

    @Test
    void aPlaceFiltersByDistanceAndCanSortByIt() throws Exception {
        CatalogueQuery query = new CatalogueQuery(
                List.of(),
                Map.of(),
                new CatalogueQuery.Near(45.75, 4.85, 50),
                CatalogueQuery.Sort.DISTANCE,
                2,
                10,
                true);
        JsonNode request = json(query);
        assertThat(request.get("query").toString()).contains("geo_distance", "50km");
        assertThat(request.get("sort").get(0).has("_geo_distance")).isTrue();
        assertThat(request.get("from").asInt()).isEqualTo(20);
        assertThat(request.get("size").asInt()).isEqualTo(10);
    }

    @Test
    void rejectsWhatCannotBeAnswered() {
        assertThatThrownBy(() ->
                        new CatalogueQuery(List.of(), Map.of(), null, CatalogueQuery.Sort.RELEVANCE, 0, 101, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new CatalogueQuery(List.of(), Map.of(), null, CatalogueQuery.Sort.DISTANCE, 0, 20, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new CatalogueQuery(List.of(), Map.of(), null, CatalogueQuery.Sort.RELEVANCE, 500, 20, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CatalogueQuery.Near(45, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void termsRejectWhatCannotBeAConditionOnTheIndex() {
        assertThatThrownBy(() -> new QueryTerm.Concept("x", Facet.MODALITIES, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryTerm.Department("x", "x", "6")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryTerm.MinimumVolume("0 L", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryTerm.Place("x", "x", 45, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryTerm.Word(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distancesAreGreatCircleKilometres() {
        // Lyon to Paris: about 392 km.
        assertThat(CatalogueSearch.distanceKm(45.764, 4.836, 48.857, 2.352)).isBetween(385.0, 400.0);
    }

    @Test
    void anAlertsMatchIsEveryConditionAsAFilterByKeyWithoutFacetsNorRanking() throws Exception {
        Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
        filters.put(Facet.MODALITIES, List.of("AAV"));
        CatalogueQuery query = new CatalogueQuery(
                List.of(new QueryTerm.Word("lyon")),
                filters,
                new CatalogueQuery.Near(45.76, 4.84, 25),
                CatalogueQuery.Sort.RELEVANCE,
                3,
                20,
                true);
        JsonNode request = new ObjectMapper()
                .readTree(JsonpUtils.toJsonString(search.matchingRequest(query, 1000), new JacksonJsonpMapper()));

        // The facet filter, the word and the place all filter (a facet filter is not a post_filter here).
        String filter = request.path("query").path("bool").path("filter").toString();
        assertThat(filter).contains("AAV", "lyon", "geo_distance");
        assertThat(request.has("post_filter")).isFalse();
        assertThat(request.has("aggregations")).isFalse();
        assertThat(request.path("query").path("bool").has("should")).isFalse();
        // The whole set from the first key, whatever page the person was on.
        assertThat(request.path("size").asInt()).isEqualTo(1000);
        assertThat(request.path("from").asInt(0)).isZero();
        assertThat(request.path("sort").toString())
                .contains(CatalogueFields.KEY)
                .doesNotContain("_score");
        assertThat(request.path("_source").toString()).contains(CatalogueFields.KEY, CatalogueFields.NAME);
        assertThatThrownBy(() -> search.matchingRequest(query, MatchingSites.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
