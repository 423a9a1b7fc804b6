package fr.guichetbio.portal.dashboards.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DatasetTableTest {

    private final DatasetTable table = new DatasetTable(
            List.of("site_name", "city", "briefs", "suppressed"),
            List.of(
                    Arrays.asList("=HYPERLINK(\"http://x\")", "Saint-Priest, Rhône", 12L, false),
                    Arrays.asList("Usine \"B\"", "Lyon", null, true)));

    @Test
    void writesRfc4180CsvWithoutFormulas() {
        String csv = new String(table.csv(), StandardCharsets.UTF_8);

        assertThat(csv)
                .isEqualTo("site_name,city,briefs,suppressed\r\n"
                        + "\"'=HYPERLINK(\"\"http://x\"\")\",\"Saint-Priest, Rhône\",12,false\r\n"
                        + "\"Usine \"\"B\"\"\",Lyon,,true\r\n");
    }

    @Test
    void writesJsonWithTheSameColumnsAndTheLicence() {
        JsonMapper json = JsonMapper.builder().build();

        JsonNode document = json.readTree(table.json(json, Dataset.DEMAND));

        assertThat(document.path("dataset").asString()).isEqualTo("demande-projets");
        assertThat(document.path("licence").asString()).isEqualTo("Licence Ouverte / Open Licence 2.0");
        assertThat(document.path("licenceUrl").asString()).isEqualTo(OpenLicence.URL);
        assertThat(document.path("rows").get(1).path("briefs").isNull()).isTrue();
        assertThat(document.path("rows").get(1).path("suppressed").asBoolean()).isTrue();
        assertThat(document.path("rows").get(0).path("briefs").asLong()).isEqualTo(12);
    }

    @Test
    void refusesRowsOfAnotherWidth() {
        assertThatThrownBy(() -> new DatasetTable(List.of("a", "b"), List.of(List.of("x"))))
                .hasMessageContaining("Every row needs 2 values");
    }
}
