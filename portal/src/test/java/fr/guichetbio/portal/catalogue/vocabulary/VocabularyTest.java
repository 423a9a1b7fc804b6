package fr.guichetbio.portal.catalogue.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.catalogue.exchange.CatalogueSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The vocabulary has exactly the schema's codes, and a label for each in French and English. */
class VocabularyTest {

    private final JsonNode schema = JsonMapper.builder().build().readTree(text(CatalogueSchema.RESOURCE));

    @Test
    void codesAreTheSchemasEnums() {
        JsonNode defs = schema.get("$defs");
        assertThat(names(Vocabulary.Modality.values()))
                .containsExactlyElementsOf(codes(defs.at("/capability/properties/modality/enum")));
        assertThat(names(Vocabulary.Service.values()))
                .containsExactlyElementsOf(codes(defs.at("/capability/properties/services/items/enum")));
        assertThat(names(Vocabulary.Stage.values()))
                .containsExactlyElementsOf(codes(defs.at("/capability/properties/stages/items/enum")));
        assertThat(names(Vocabulary.ExpressionSystem.values()))
                .containsExactlyElementsOf(codes(defs.at("/capability/properties/expressionSystems/items/enum")));
        assertThat(names(Vocabulary.BioreactorTechnology.values()))
                .containsExactlyElementsOf(
                        codes(defs.at("/capability/properties/bioreactors/items/properties/technology/enum")));
        assertThat(names(Vocabulary.EvidenceKind.values()))
                .containsExactlyElementsOf(codes(defs.at("/gmpEvidence/properties/kind/enum")));
        assertThat(names(Vocabulary.EvidenceOutcome.values()))
                .containsExactlyElementsOf(codes(defs.at("/gmpEvidence/properties/outcome/enum")));
        assertThat(names(Vocabulary.VerificationLevel.values()))
                .containsExactlyElementsOf(codes(defs.at("/gmpEvidence/properties/verification/enum")));
        assertThat(names(Vocabulary.CatalogueKind.values()))
                .containsExactlyElementsOf(codes(defs.at("/organisation/properties/kind/enum")));
        assertThat(names(Vocabulary.Stage.values()))
                .containsExactlyElementsOf(codes(defs.at("/availability/properties/stage/enum")));
    }

    @Test
    void everyCodeHasAFrenchAndAnEnglishLabel() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties labels = new Properties();
            try (InputStream in = new ClassPathResource(bundle).getInputStream()) {
                labels.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (Vocabulary.Coded code : Vocabulary.all()) {
                assertThat(labels.getProperty(code.messageKey()))
                        .as(code.messageKey() + " in " + bundle)
                        .isNotBlank();
            }
        }
        assertThat(Vocabulary.all()).hasSize(14 + 15 + 5 + 8 + 9 + 2 + 4 + 5 + 3 + 7 + 18);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> codes(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(node -> codes.add(node.stringValue()));
        assertThat(codes).isNotEmpty();
        return codes;
    }

    private static String text(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
