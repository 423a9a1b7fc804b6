package fr.guichetbio.catalogue.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code guichet_lowercase}: Lucene's LowerCaseFilter (the minimal distribution has no {@code lowercase} filter). */
@NamedComponent(GuichetAnalysis.LOWERCASE)
public class LowercaseTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return GuichetAnalysis.lowercase(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return GuichetAnalysis.lowercase(tokenStream);
    }
}
