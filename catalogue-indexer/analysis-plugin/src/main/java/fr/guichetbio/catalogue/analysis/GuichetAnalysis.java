package fr.guichetbio.catalogue.analysis;

import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The token filters of the plugin, as plain Lucene, and the analysis chains the catalogue index declares.
 *
 * <p>Order of the French chain: {@code lowercase → elision → folding → stem}, then (search side only) the
 * bioproduction synonyms. Synonyms come <em>after</em> the stemmer, and their rules are parsed through exactly the
 * index chain ({@link #frenchIndexChain}), so that a query in any case, accent or number ("Thérapies géniques",
 * "therapie genique") reaches the same rule, and the expansions it emits are already in indexed form.
 */
public final class GuichetAnalysis {

    public static final String LOWERCASE = "guichet_lowercase";
    public static final String FRENCH_ELISION = "guichet_french_elision";
    public static final String FOLDING = "guichet_folding";
    public static final String FRENCH_STEM = "guichet_french_stem";
    public static final String BIO_SYNONYMS = "guichet_bio_synonyms";
    public static final String AUTOCOMPLETE_EDGE_NGRAM = "guichet_autocomplete_edge_ngram";

    public static final int EDGE_NGRAM_MIN = 2;
    public static final int EDGE_NGRAM_MAX = 20;

    /** French elided articles and conjunctions, without their apostrophe (both ' and ’ are handled by Lucene). */
    public static final CharArraySet FRENCH_ELISIONS = CharArraySet.unmodifiableSet(new CharArraySet(
            Arrays.asList("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true));

    private GuichetAnalysis() {}

    static TokenStream lowercase(TokenStream in) {
        return new LowerCaseFilter(in);
    }

    static TokenStream frenchElision(TokenStream in) {
        return new ElisionFilter(in, FRENCH_ELISIONS);
    }

    static TokenStream folding(TokenStream in) {
        return new ASCIIFoldingFilter(in, false);
    }

    static TokenStream frenchStem(TokenStream in) {
        return new FrenchLightStemFilter(in);
    }

    static TokenStream bioSynonyms(TokenStream in) {
        return new SynonymGraphFilter(in, BioSynonyms.map(), true);
    }

    static TokenStream autocompleteEdgeNGram(TokenStream in) {
        return new EdgeNGramTokenFilter(in, EDGE_NGRAM_MIN, EDGE_NGRAM_MAX, false);
    }

    /** Normalisation shared by every French chain: lowercase, elision, folding. */
    static TokenStream frenchNormalization(TokenStream in) {
        return folding(frenchElision(lowercase(in)));
    }

    /** Filters of the {@code guichet_french} index analyzer (after the standard tokenizer). */
    public static TokenStream frenchIndexChain(TokenStream in) {
        return frenchStem(frenchNormalization(in));
    }

    /** Filters of the {@code guichet_french_search} search analyzer: the index chain, then synonyms. */
    public static TokenStream frenchSearchChain(TokenStream in) {
        return bioSynonyms(frenchIndexChain(in));
    }

    /** Filters of the {@code guichet_autocomplete} index analyzer. */
    public static TokenStream autocompleteIndexChain(TokenStream in) {
        return autocompleteEdgeNGram(frenchNormalization(in));
    }

    /** Filters of the {@code guichet_autocomplete_search} search analyzer. */
    public static TokenStream autocompleteSearchChain(TokenStream in) {
        return frenchNormalization(in);
    }

    /** A Lucene analyzer: standard tokenizer followed by the given filter chain (for tests and synonym parsing). */
    public static Analyzer analyzer(java.util.function.UnaryOperator<TokenStream> filters) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, filters.apply(tokenizer));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return frenchNormalization(in);
            }
        };
    }
}
