package fr.guichetbio.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void correctionsReplaceTheWordsTypedKeepingTheirCaseAndElidedArticle() {
        Map<String, String> corrections = Map.of("garone", "garonne", "celullaire", "cellulaire");
        assertThat(SearchText.corrected("Garone therapie celullaire", corrections))
                .isEqualTo("Garonne therapie cellulaire");
        assertThat(SearchText.corrected("GARONE", corrections)).isEqualTo("GARONNE");
        assertThat(SearchText.corrected("l'garone", corrections)).isEqualTo("l'garonne");
        assertThat(SearchText.corrected("thérapie génique", corrections)).isNull();
        assertThat(SearchText.corrected("Garone", Map.of())).isNull();
    }

    @Test
    void aPartIsRemovedOnceAndTheRestSingleSpaced() {
        assertThat(SearchText.without("AAV  Lyon clinique", List.of("Lyon"))).isEqualTo("AAV clinique");
        assertThat(SearchText.without("Lyon Lyon", List.of("Lyon"))).isEqualTo("Lyon");
        assertThat(SearchText.without("AAV", List.of("Lyon"))).isEqualTo("AAV");
    }
}
