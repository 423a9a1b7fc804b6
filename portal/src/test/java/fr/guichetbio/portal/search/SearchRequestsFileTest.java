package fr.guichetbio.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.catalogue.index.CatalogueFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bodies a benchmark replays: the API's own request for each text, its conditions as filters. */
class SearchRequestsFileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesOneBodyPerTextWithItsConditionsAsFilters(@TempDir Path dir) throws Exception {
        Path texts = dir.resolve("queries.txt");
        Files.writeString(texts, "anticorps monoclonaux 2000L lyon\n\nvecteurs AAV\n", StandardCharsets.UTF_8);
        Path bodies = dir.resolve("bodies.ndjson");

        SearchRequestsFile.main(new String[] {texts.toString(), bodies.toString()});

        List<String> lines = Files.readAllLines(bodies, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.getFirst());
        String filters = first.path("query").path("bool").path("filter").toString();
        assertThat(filters)
                .contains("\"" + CatalogueFields.MODALITIES + "\":[\"MAB\"]")
                .contains(CatalogueFields.LARGEST_VOLUME, "\"gte\":2000")
                .contains("geo_distance", "\"" + CatalogueFields.CITY + "\":{\"value\":\"Lyon\"");
        // The API's default: the page's facets are counted.
        assertThat(first.has("aggregations")).isTrue();
        assertThat(JSON.readTree(lines.get(1))
                        .path("query")
                        .path("bool")
                        .path("filter")
                        .toString())
                .contains("\"AAV\"");
    }

    @Test
    void otherUrlParametersAreTheApisToo() {
        String body = SearchRequestsFile.bodies(List.of("vecteurs AAV"), List.of("facettes=non"))
                .getFirst();
        assertThat(body).doesNotContain("aggregations");
    }
}
