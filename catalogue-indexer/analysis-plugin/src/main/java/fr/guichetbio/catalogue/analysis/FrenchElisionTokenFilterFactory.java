package fr.guichetbio.catalogue.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code guichet_french_elision}: removes French elided articles (l', d', qu', jusqu'…). */
@NamedComponent(GuichetAnalysis.FRENCH_ELISION)
public class FrenchElisionTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return GuichetAnalysis.frenchElision(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return GuichetAnalysis.frenchElision(tokenStream);
    }
}
