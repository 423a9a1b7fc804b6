package fr.guichetbio.portal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.catalogue.index.search.Facet;
import fr.guichetbio.catalogue.index.search.QueryTerm;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lexicon stays in step with the vocabulary: every code can be searched by its labels, in both languages. */
class QueryLexiconTest {

    private final QueryLexicon lexicon = QueryLexicon.load();
    private final QueryInterpreter interpreter = new QueryInterpreter(new Gazetteer(), lexicon);

    /** Catalogue kinds that mean "contract manufacturer" in people's mouths: filler, not a condition. */
    private static final Set<String> FILLER_KINDS = Set.of("CDMO", "CMO");

    @Test
    void everyLabelOfEveryCodeFindsThatCode() {
        Map<Facet, Vocabulary.Coded[]> facets = Map.of(
                Facet.MODALITIES, Vocabulary.Modality.values(),
                Facet.SERVICES, Vocabulary.Service.values(),
                Facet.STAGES, Vocabulary.Stage.values(),
                Facet.EXPRESSION_SYSTEMS, Vocabulary.ExpressionSystem.values(),
                Facet.TECHNOLOGIES, Vocabulary.Technology.values(),
                Facet.ORGANISATION_KINDS, Vocabulary.CatalogueKind.values(),
                Facet.REGIONS, Vocabulary.Region.values());
        List<String> missing = new ArrayList<>();
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            ResourceBundle labels = ResourceBundle.getBundle(
                    "messages",
                    locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            facets.forEach((facet, codes) -> {
                for (Vocabulary.Coded coded : codes) {
                    if (facet == Facet.ORGANISATION_KINDS && FILLER_KINDS.contains(coded.code())) {
                        continue;
                    }
                    String label = labels.getString(Vocabulary.messageKey(coded.facet(), coded.code()));
                    // "Vecteurs AAV", "Libération des lots (pharmacien responsable)", "ARNm / nanoparticules…"
                    String main =
                            label.replaceAll("\\(.*\\)", "").replace("…", "").strip();
                    boolean found = interpreter.interpret(main).stream()
                            .anyMatch(term -> term instanceof QueryTerm.Concept c
                                    && c.facet() == facet
                                    && c.codes().contains(coded.code()));
                    if (!found) {
                        missing.add(locale + " " + facet + " " + coded.code() + " \"" + main + "\"");
                    }
                }
            });
        }
        assertThat(missing).as("labels the lexicon does not read as their code").isEmpty();
    }

    @Test
    void onePhraseOneMeaning() {
        assertThatThrownBy(() -> QueryLexicon.parse("modality MAB: anticorps\nmodality VACCINE: Anticorps\n"))
                .hasMessageContaining("Two meanings");
        assertThatThrownBy(() -> QueryLexicon.parse("colour RED: rouge\n")).hasMessageContaining("Unknown");
    }

    @Test
    void wordsAreComparedWithoutAccentsArticlesOrFrenchPlurals() {
        assertThat(QueryLexicon.normalise("Vecteurs lentiviraux")).isEqualTo("vecteur lentiviral");
        assertThat(QueryLexicon.normalise("cellules d'insecte")).isEqualTo("cellule insecte");
        assertThat(QueryLexicon.normalise("Thérapie Génique")).isEqualTo("therapie genique");
        assertThat(QueryLexicon.distance("anticorsp", "anticorps", 2)).isEqualTo(1);
        assertThat(QueryLexicon.distance("lentivirus", "lymphocyte", 2)).isEqualTo(3);
    }
}
