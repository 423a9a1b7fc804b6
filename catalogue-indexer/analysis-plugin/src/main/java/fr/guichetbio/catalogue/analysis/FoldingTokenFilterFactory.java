package fr.guichetbio.catalogue.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code guichet_folding}: ASCII folding (é → e, œ → oe…). */
@NamedComponent(GuichetAnalysis.FOLDING)
public class FoldingTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return GuichetAnalysis.folding(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return GuichetAnalysis.folding(tokenStream);
    }
}
