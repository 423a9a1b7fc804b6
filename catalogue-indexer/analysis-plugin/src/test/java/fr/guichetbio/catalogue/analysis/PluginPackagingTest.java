package fr.guichetbio.catalogue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.junit.jupiter.api.Test;

/** named_components.json and the descriptor agree with the code, as Elasticsearch will read them. */
class PluginPackagingTest {

    private static final Path PLUGIN_DIR = Path.of("src/main/plugin");
    private static final Pattern ENTRY = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([\\w.]+)\"");

    @Test
    void namedComponentsJsonListsExactlyTheAnnotatedFactories() throws Exception {
        Map<String, String> declared = new TreeMap<>();
        String json = Files.readString(PLUGIN_DIR.resolve("named_components.json"));
        assertThat(json).contains("\"org.elasticsearch.plugin.analysis.TokenFilterFactory\"");
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            declared.put(m.group(1), m.group(2));
        }
        assertThat(declared).isEqualTo(annotatedFactories());
        assertThat(declared.keySet())
                .containsExactlyInAnyOrder(
                        GuichetAnalysis.LOWERCASE,
                        GuichetAnalysis.FRENCH_ELISION,
                        GuichetAnalysis.FOLDING,
                        GuichetAnalysis.FRENCH_STEM,
                        GuichetAnalysis.BIO_SYNONYMS,
                        GuichetAnalysis.AUTOCOMPLETE_EDGE_NGRAM);
    }

    @Test
    void everyFactoryInstantiatesLikeElasticsearchDoesAndFilters() throws Exception {
        for (String className : annotatedFactories().values()) {
            TokenFilterFactory factory = (TokenFilterFactory)
                    Class.forName(className).getConstructor().newInstance();
            try (WhitespaceTokenizer tokenizer = new WhitespaceTokenizer()) {
                tokenizer.setReader(new java.io.StringReader("Thérapies"));
                assertThat(factory.create(tokenizer)).as(className).isNotSameAs(tokenizer);
            }
        }
    }

    @Test
    void synonymsAreSearchTimeOnlyAndEdgeNGramsIndexTimeOnly() {
        assertThat(new BioSynonymsTokenFilterFactory().getAnalysisMode()).isEqualTo(AnalysisMode.SEARCH_TIME);
        assertThat(new AutocompleteEdgeNGramTokenFilterFactory().getAnalysisMode())
                .isEqualTo(AnalysisMode.INDEX_TIME);
        assertThat(new FrenchStemTokenFilterFactory().getAnalysisMode()).isEqualTo(AnalysisMode.ALL);
    }

    @Test
    void descriptorHasOnlyTheKeysAStablePluginAccepts() throws IOException {
        Properties descriptor = new Properties();
        try (Reader reader = Files.newBufferedReader(PLUGIN_DIR.resolve("stable-plugin-descriptor.properties"))) {
            descriptor.load(reader);
        }
        assertThat(descriptor.stringPropertyNames())
                .containsExactlyInAnyOrder("description", "version", "name", "java.version", "elasticsearch.version");
    }

    private static Map<String, String> annotatedFactories() throws IOException, URISyntaxException {
        Path classes = Path.of(GuichetAnalysis.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(GuichetAnalysis.class.getPackageName().replace('.', '/'));
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = GuichetAnalysis.class.getPackageName() + "."
                        + file.getFileName().toString().replace(".class", "");
                Class<?> type;
                try {
                    type = Class.forName(name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                NamedComponent component = type.getAnnotation(NamedComponent.class);
                if (component != null) {
                    assertThat(TokenFilterFactory.class).isAssignableFrom(type);
                    found.put(component.value(), name);
                }
            }
        }
        return found;
    }
}
