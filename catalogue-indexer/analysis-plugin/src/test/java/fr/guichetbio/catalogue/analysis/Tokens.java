package fr.guichetbio.catalogue.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Test helper: the terms an analysis chain produces. */
final class Tokens {

    static final Analyzer INDEX = GuichetAnalysis.analyzer(GuichetAnalysis::frenchIndexChain);
    static final Analyzer SEARCH = GuichetAnalysis.analyzer(GuichetAnalysis::frenchSearchChain);
    static final Analyzer AUTOCOMPLETE_INDEX = GuichetAnalysis.analyzer(GuichetAnalysis::autocompleteIndexChain);
    static final Analyzer AUTOCOMPLETE_SEARCH = GuichetAnalysis.analyzer(GuichetAnalysis::autocompleteSearchChain);

    private Tokens() {}

    static List<String> of(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    static List<String> of(UnaryOperator<TokenStream> chain, String text) {
        try (Analyzer analyzer = GuichetAnalysis.analyzer(chain)) {
            return of(analyzer, text);
        }
    }
}
