package fr.guichetbio.catalogue.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.analysis.Analyzer;
import co.elastic.clients.elasticsearch._types.analysis.CustomAnalyzer;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TextProperty;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogueIndexSchemaTest {

    /** Set by surefire: the analysis plugin's named_components.json (sibling module), read as Elasticsearch does. */
    private static final String NAMED_COMPONENTS = "guichet.analysis.namedComponents";

    private static CreateIndexRequest request;

    @BeforeAll
    static void parseWithTheJavaClient() throws IOException {
        try (Reader body = CatalogueIndexSchema.openSettingsAndMappings()) {
            request = CreateIndexRequest.of(b -> b.withJson(body).index("test"));
        }
    }

    @Test
    void declaresTheFiveAnalyzersOnTheStandardTokenizer() {
        Map<String, Analyzer> analyzers = request.settings().analysis().analyzer();
        assertThat(analyzers)
                .containsOnlyKeys(
                        CatalogueAnalysis.FRENCH,
                        CatalogueAnalysis.FRENCH_SEARCH,
                        CatalogueAnalysis.AUTOCOMPLETE,
                        CatalogueAnalysis.AUTOCOMPLETE_SEARCH,
                        CatalogueAnalysis.WORDS);
        analyzers.values().forEach(a -> assertThat(a.custom().tokenizer()).isEqualTo("standard"));
        assertThat(filters(CatalogueAnalysis.FRENCH_SEARCH))
                .containsExactly(
                        "guichet_lowercase",
                        "guichet_french_elision",
                        "guichet_folding",
                        "guichet_french_stem",
                        "guichet_bio_synonyms");
        assertThat(filters(CatalogueAnalysis.FRENCH))
                .isEqualTo(filters(CatalogueAnalysis.FRENCH_SEARCH).subList(0, 4));
        // Spelling suggestions are words as written: neither folded nor stemmed.
        assertThat(filters(CatalogueAnalysis.WORDS)).containsExactly("guichet_lowercase", "guichet_french_elision");
    }

    @Test
    void usesOnlyTokenFiltersTheAnalysisPluginDefines() throws IOException {
        Set<String> used = request.settings().analysis().analyzer().values().stream()
                .map(Analyzer::custom)
                .flatMap(a -> a.filter().stream())
                .collect(Collectors.toSet());
        Set<String> pluginFilters = pluginTokenFilters();

        assertThat(used).isEqualTo(CatalogueAnalysis.PLUGIN_TOKEN_FILTERS);
        assertThat(pluginFilters).containsAll(CatalogueAnalysis.PLUGIN_TOKEN_FILTERS);
    }

    @Test
    void synonymsOnlyAtSearchTimeAndEdgeNGramsOnlyAtIndexTime() {
        Map<String, Property> properties = request.mappings().properties();
        for (Property property : properties.values()) {
            if (property.isText()) {
                TextProperty text = property.text();
                assertThat(filters(text.analyzer())).doesNotContain(CatalogueAnalysis.SYNONYMS_FILTER);
                String searchAnalyzer = text.searchAnalyzer() == null ? text.analyzer() : text.searchAnalyzer();
                assertThat(filters(searchAnalyzer)).doesNotContain("guichet_autocomplete_edge_ngram");
            }
        }
    }

    @Test
    void mapsExactlyTheCatalogueFields() {
        Map<String, Property> properties = request.mappings().properties();
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(CatalogueFields.ALL);

        for (String field :
                Set.of(CatalogueFields.NAME, CatalogueFields.ORGANISATION_NAME, CatalogueFields.DESCRIPTION)) {
            TextProperty text = properties.get(field).text();
            assertThat(text.analyzer()).as(field).isEqualTo(CatalogueAnalysis.FRENCH);
            assertThat(text.searchAnalyzer()).as(field).isEqualTo(CatalogueAnalysis.FRENCH_SEARCH);
        }
        assertThat(properties.get(CatalogueFields.CITY).isKeyword()).isTrue();
        assertThat(properties.get(CatalogueFields.MODALITIES).isKeyword()).isTrue();
        TextProperty suggest = properties.get(CatalogueFields.SUGGEST).text();
        assertThat(suggest.analyzer()).isEqualTo(CatalogueAnalysis.AUTOCOMPLETE);
        assertThat(suggest.searchAnalyzer()).isEqualTo(CatalogueAnalysis.AUTOCOMPLETE_SEARCH);
        assertThat(properties.get(CatalogueFields.NAME).text().copyTo())
                .containsExactly(CatalogueFields.SUGGEST, CatalogueFields.SPELLING, CatalogueFields.TYPOS);
        assertThat(properties.get(CatalogueFields.TYPOS).text().analyzer()).isEqualTo(CatalogueAnalysis.FRENCH);
        assertThat(properties.get(CatalogueFields.SPELLING).text().analyzer()).isEqualTo(CatalogueAnalysis.WORDS);
        assertThat(request.mappings().dynamic()).hasToString("Strict");
    }

    @Test
    void refreshesAtTheIntervalTheLoadRestores() {
        assertThat(request.settings().index().refreshInterval().time())
                .isEqualTo(CatalogueIndexSchema.REFRESH_INTERVAL);
    }

    @Test
    void versionedIndexNamesAreValidAndSortByCreationTime() {
        String first = CatalogueIndexSchema.indexName(Instant.parse("2026-01-02T03:04:05.006Z"));
        String later = CatalogueIndexSchema.indexName(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(first).isEqualTo("catalogue-v4-20260102-030405-006");
        assertThat(first).isLowerCase().startsWith(CatalogueIndexSchema.INDEX_PREFIX);
        assertThat(first).isLessThan(later);
        assertThat(CatalogueIndexSchema.settingsAndMappings()).contains("\"mappings\"");
        assertThat(CatalogueIndexAdmin.hasCurrentSchema(first)).isTrue();
        assertThat(CatalogueIndexAdmin.hasCurrentSchema("catalogue-v3-20260102-030405-006"))
                .isFalse();
    }

    private static java.util.List<String> filters(String analyzer) {
        CustomAnalyzer custom =
                request.settings().analysis().analyzer().get(analyzer).custom();
        return custom.filter();
    }

    private static Set<String> pluginTokenFilters() throws IOException {
        String location = System.getProperty(NAMED_COMPONENTS);
        assertThat(location).as("system property " + NAMED_COMPONENTS).isNotBlank();
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(Path.of(location)))) {
            JsonObject components = reader.readObject();
            return components
                    .getJsonObject("org.elasticsearch.plugin.analysis.TokenFilterFactory")
                    .keySet();
        }
    }
}
