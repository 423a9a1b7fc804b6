package fr.guichetbio.catalogue.index.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.guichetbio.catalogue.index.CatalogueFields;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shortlist request for a need, checked as JSON without Elasticsearch. */
class ShortlisterRequestTest {

    private final Shortlister shortlister = new Shortlister(ElasticsearchClient.of(b -> b.host("http://127.0.0.1:1")));

    private JsonNode json(Need need) throws Exception {
        return new ObjectMapper()
                .readTree(JsonpUtils.toJsonString(shortlister.request(need, 20), new JacksonJsonpMapper()));
    }

    private static List<String> names(JsonNode clauses) {
        List<String> names = new ArrayList<>();
        clauses.forEach(c -> names.add(c.path("constant_score").path("_name").asText()));
        return names;
    }

    @Test
    void requiredCriteriaFilterAndPreferredOnesAreNamedClausesWeighted() throws Exception {
        Need need = new Need(
                "MAB",
                "CLINICAL_LATE",
                new Need.Region.EuropeanUnion(),
                Need.Verification.DOCUMENT_CHECKED,
                true,
                "CHO",
                List.of("FILL_FINISH", "QC_TESTING"),
                List.of("CONTINUOUS_UPSTREAM"),
                List.of("PAT_ONLINE_CONTROL"),
                2000.0,
                List.of("2027-Q2", "2027-Q3"));

        JsonNode bool = json(need).path("query").path("bool");

        String filters = bool.path("filter").toString();
        assertThat(bool.path("filter")).hasSize(6);
        assertThat(filters)
                .contains("\"" + CatalogueFields.MODALITIES + "\":{\"value\":\"MAB\"}")
                .contains("\"" + CatalogueFields.STAGES + "\":{\"value\":\"CLINICAL_LATE\"}")
                .contains("\"" + CatalogueFields.TECHNOLOGIES + "\":{\"value\":\"CONTINUOUS_UPSTREAM\"}")
                .contains("\"DE\"", "\"FR\"", "\"SK\"")
                // At least document-checked: that level and the registry-matched one, never self-declared.
                .contains("\"DOCUMENT_CHECKED\"", "\"REGISTRY_MATCHED\"")
                .doesNotContain("SELF_DECLARED");
        JsonNode should = bool.path("should");
        assertThat(names(should))
                .containsExactly(
                        "EXPRESSION_SYSTEM",
                        "SERVICE:FILL_FINISH",
                        "SERVICE:QC_TESTING",
                        "TECHNOLOGY_PREFERRED:PAT_ONLINE_CONTROL",
                        "VOLUME",
                        "VOLUME_PARTLY",
                        "START");
        List<Double> boosts = new ArrayList<>();
        should.forEach(c -> boosts.add(c.path("constant_score").path("boost").asDouble()));
        assertThat(boosts).containsExactly(3.0, 2.0, 2.0, 2.0, 3.0, 1.0, 3.0);
        // Half the volume partly meets the need: [1000, 2000).
        assertThat(should.get(5).toString()).contains("\"gte\":1000.0", "\"lt\":2000.0");
    }

    @Test
    void theOrderIsTheScoreThenTheSiteKey() throws Exception {
        JsonNode sort = json(new Need("AAV", null, null, null, false, null, null, null, null, null, null))
                .path("sort");

        assertThat(sort.toString()).isEqualTo("[{\"_score\":{\"order\":\"desc\"}},{\"key\":{\"order\":\"asc\"}}]");
    }

    @Test
    void aNeedAskingOnlyForAModalityFiltersOnItAlone() throws Exception {
        JsonNode bool = json(new Need("AAV", null, null, null, false, null, null, null, null, null, null))
                .path("query")
                .path("bool");

        assertThat(bool.path("filter")).hasSize(1);
        assertThat(bool.path("should").isMissingNode() || bool.path("should").isEmpty())
                .isTrue();
    }

    @Test
    void aPlaceConstraintIsAGeoDistanceFilter() throws Exception {
        Need need = new Need(
                "AAV", null, new Need.Region.Near(45.75, 4.85, 100), null, false, null, null, null, null, null, null);

        assertThat(json(need).path("query").path("bool").path("filter").toString())
                .contains("geo_distance", "\"100km\"");
    }

    @Test
    void impossibleSizesAndNeedsAreRefused() {
        Need need = new Need("AAV", null, null, null, false, null, null, null, null, null, null);

        assertThatThrownBy(() -> shortlister.request(need, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Need("AAV", null, null, null, false, null, null, null, null, -5.0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Need.Region.Near(45, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlertsMatchIsTheRequiredCriteriaOnlyByKey() throws Exception {
        Need need = new Need(
                "AAV",
                null,
                new Need.Region.France(),
                Need.Verification.SELF_DECLARED,
                false,
                "HEK293",
                List.of("UPSTREAM"),
                null,
                List.of("PAT_ONLINE_CONTROL"),
                500.0,
                List.of("2027-Q2"));
        JsonNode request = new ObjectMapper()
                .readTree(JsonpUtils.toJsonString(shortlister.matchingRequest(need, 1000), new JacksonJsonpMapper()));

        JsonNode bool = request.path("query").path("bool");
        assertThat(bool.path("filter")).hasSize(2);
        assertThat(bool.path("filter").toString()).contains("\"AAV\"", "\"FR\"");
        // Preferred criteria rank a shortlist; they never decide whether a site matches.
        assertThat(bool.has("should")).isFalse();
        assertThat(request.path("size").asInt()).isEqualTo(1000);
        assertThat(request.path("sort").toString())
                .contains(CatalogueFields.KEY)
                .doesNotContain("_score");
    }
}
