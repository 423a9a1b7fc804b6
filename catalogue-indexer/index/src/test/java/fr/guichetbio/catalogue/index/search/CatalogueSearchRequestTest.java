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

    private static CatalogueQuery query(String text, Map<Facet, List<String>> filters) {
        return new CatalogueQuery(text, filters, null, CatalogueQuery.Sort.RELEVANCE, 0, 20);
    }

    @Test
    void facetFiltersGoToThePostFilterAndEachFacetCountsWithTheOtherFacetsOnly() throws Exception {
        Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
        filters.put(Facet.MODALITIES, List.of("AAV", "MAB"));
        filters.put(Facet.REGIONS, List.of("11"));
        JsonNode request = json(query("", filters));

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
        JsonNode request = json(query("", Map.of()));
        assertThat(request.has("post_filter")).isFalse();
        // No other facet filters: a plain terms aggregation, without a filter wrapper that would cost as much again.
        JsonNode modalities = request.get("aggregations").get("facet_MODALITIES");
        assertThat(modalities.has("filter")).isFalse();
        assertThat(modalities.get("terms").get("field").asText()).isEqualTo(CatalogueFields.MODALITIES);
        assertThat(request.has("highlight")).isFalse();
    }

    @Test
    void textIsMatchedWithSynonymsAndFuzzinessAndHighlightedWithOurMarkers() throws Exception {
        JsonNode json = json(query("anticorps monoclonaux", Map.of()));
        String request = json.toString();
        assertThat(request)
                .contains(
                        "\"fuzziness\":\"" + CatalogueSearch.FUZZINESS + "\"",
                        CatalogueFields.NAME + "^3",
                        "anticorps monoclonaux");
        // Typos: one fuzzy clause on the one field holding every text, so that each word's automaton is built once.
        JsonNode fuzzy = json.get("query")
                .get("bool")
                .get("must")
                .get(0)
                .get("bool")
                .get("should")
                .get(1);
        assertThat(fuzzy.get("match").has(CatalogueFields.TYPOS))
                .as(fuzzy.toString())
                .isTrue();
        assertThat(request).contains(CatalogueSearch.MARK_START, CatalogueSearch.MARK_END);
        // Highlights follow the exact words only: the highlighter re-running fuzzy clauses on every hit is too slow.
        String highlightQuery = json.get("highlight").get("highlight_query").toString();
        assertThat(highlightQuery).contains("anticorps monoclonaux").doesNotContain("fuzziness");
        assertThat(json.get("suggest").get("spelling").get("term").get("field").asText())
                .isEqualTo(CatalogueFields.SPELLING);
    }

    @Test
    void requestsGoThroughTheShardRequestCache() {
        assertThat(search.request(query("aav", Map.of())).requestCache()).isTrue();
    }

    @Test
    void aVolumeAndARegionInTheTextBecomeScoreWeights() throws Exception {
        JsonNode request = json(query("aav 200 l clinique île-de-france", Map.of()));
        JsonNode functionScore = request.get("query").get("function_score");
        assertThat(functionScore).isNotNull();
        String functions = functionScore.get("functions").toString();
        assertThat(functions).contains(CatalogueFields.LARGEST_VOLUME, "200", CatalogueFields.REGION, "\"11\"");
        assertThat(functionScore.get("query").toString())
                .contains("aav clinique")
                .doesNotContain("france");
    }

    @Test
    void aPlaceFiltersByDistanceAndCanSortByIt() throws Exception {
        CatalogueQuery query = new CatalogueQuery(
                "", Map.of(), new CatalogueQuery.Near(45.75, 4.85, 50), CatalogueQuery.Sort.DISTANCE, 2, 10);
        JsonNode request = json(query);
        assertThat(request.get("query").toString()).contains("geo_distance", "50km");
        assertThat(request.get("sort").get(0).has("_geo_distance")).isTrue();
        assertThat(request.get("from").asInt()).isEqualTo(20);
        assertThat(request.get("size").asInt()).isEqualTo(10);
    }

    @Test
    void rejectsWhatCannotBeAnswered() {
        assertThatThrownBy(() -> new CatalogueQuery("", Map.of(), null, CatalogueQuery.Sort.RELEVANCE, 0, 101))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CatalogueQuery("", Map.of(), null, CatalogueQuery.Sort.DISTANCE, 0, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CatalogueQuery("", Map.of(), null, CatalogueQuery.Sort.RELEVANCE, 500, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CatalogueQuery.Near(45, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void highlightsAreSplitIntoPlainSegments() {
        String fragment = "Vecteurs " + CatalogueSearch.MARK_START + "AAV" + CatalogueSearch.MARK_END + " <b>x</b>";
        assertThat(CatalogueSearch.segments(fragment))
                .containsExactly(
                        new CatalogueResults.Segment("Vecteurs ", false),
                        new CatalogueResults.Segment("AAV", true),
                        new CatalogueResults.Segment(" <b>x</b>", false));
    }

    @Test
    void distancesAreGreatCircleKilometres() {
        // Lyon to Paris: about 392 km.
        assertThat(CatalogueSearch.distanceKm(45.764, 4.836, 48.857, 2.352)).isBetween(385.0, 400.0);
    }
}
