package fr.guichetbio.catalogue.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code guichet_french_stem}: French light stemming, so that singular and plural match. */
@NamedComponent(GuichetAnalysis.FRENCH_STEM)
public class FrenchStemTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return GuichetAnalysis.frenchStem(tokenStream);
    }
}
