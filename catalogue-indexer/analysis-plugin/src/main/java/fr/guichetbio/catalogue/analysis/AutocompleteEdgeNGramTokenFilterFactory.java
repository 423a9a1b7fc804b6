package fr.guichetbio.catalogue.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code guichet_autocomplete_edge_ngram}: edge n-grams of 2 to 20 characters, for an autocomplete index analyzer. */
@NamedComponent(GuichetAnalysis.AUTOCOMPLETE_EDGE_NGRAM)
public class AutocompleteEdgeNGramTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return GuichetAnalysis.autocompleteEdgeNGram(tokenStream);
    }

    /** Index time only: Elasticsearch rejects it in a search analyzer (queries must not be cut into n-grams). */
    @Override
    public AnalysisMode getAnalysisMode() {
        return AnalysisMode.INDEX_TIME;
    }
}
