package fr.guichetbio.catalogue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code guichet_french} index chain: standard → lowercase → elision → folding → light stem. */
class IndexChainTest {

    @Test
    void accentsCaseAndPluralsReduceToTheSameStems() {
        assertThat(Tokens.of(Tokens.INDEX, "Thérapies géniques et vecteurs viraux"))
                .containsExactly("therap", "geniqu", "et", "vect", "viral");
        assertThat(Tokens.of(Tokens.INDEX, "therapie genique")).containsExactly("therap", "geniqu");
        assertThat(Tokens.of(Tokens.INDEX, "THÉRAPIE GÉNIQUE")).containsExactly("therap", "geniqu");
    }

    @Test
    void singularAndPluralMatch() {
        assertThat(Tokens.of(Tokens.INDEX, "vecteur viral")).isEqualTo(Tokens.of(Tokens.INDEX, "vecteurs viraux"));
        assertThat(Tokens.of(Tokens.INDEX, "anticorps monoclonal"))
                .isEqualTo(Tokens.of(Tokens.INDEX, "anticorps monoclonaux"));
        assertThat(Tokens.of(Tokens.INDEX, "bioréacteur")).isEqualTo(Tokens.of(Tokens.INDEX, "Bioréacteurs"));
    }

    @Test
    void frenchElisionsAreRemoved() {
        assertThat(Tokens.of(Tokens.INDEX, "l'anticorps")).isEqualTo(Tokens.of(Tokens.INDEX, "anticorps"));
        assertThat(Tokens.of(Tokens.INDEX, "L’Anticorps")).isEqualTo(Tokens.of(Tokens.INDEX, "anticorps"));
        assertThat(Tokens.of(Tokens.INDEX, "Production d'anticorps monoclonaux en CHO"))
                .containsExactly("production", "anticorp", "monoclonal", "en", "cho");
        assertThat(Tokens.of(GuichetAnalysis::frenchNormalization, "jusqu'à lorsqu'il qu'un"))
                .containsExactly("a", "il", "un");
    }

    @Test
    void indexChainHasNoSynonyms() {
        assertThat(Tokens.of(Tokens.INDEX, "mAb")).containsExactly("mab");
    }

    @Test
    void autocompleteIndexesEdgeNGramsAndSearchesWholeNormalisedTerms() {
        assertThat(Tokens.of(Tokens.AUTOCOMPLETE_INDEX, "Bioréacteur l'AAV"))
                .startsWith("bi", "bio", "bior", "biore")
                .contains("bioreacteur", "aa", "aav")
                .doesNotContain("b", "l", "l'aav");
        assertThat(Tokens.of(Tokens.AUTOCOMPLETE_SEARCH, "Bioré")).containsExactly("biore");
        assertThat(Tokens.of(GuichetAnalysis::autocompleteEdgeNGram, "x".repeat(30)))
                .hasSize(GuichetAnalysis.EDGE_NGRAM_MAX - GuichetAnalysis.EDGE_NGRAM_MIN + 1);
    }
}
