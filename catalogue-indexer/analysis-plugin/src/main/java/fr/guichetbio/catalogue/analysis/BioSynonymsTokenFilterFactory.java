package fr.guichetbio.catalogue.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code guichet_bio_synonyms}: bioproduction FR/EN synonyms as a graph; place it after {@code guichet_french_stem} in a search analyzer. */
@NamedComponent(GuichetAnalysis.BIO_SYNONYMS)
public class BioSynonymsTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return GuichetAnalysis.bioSynonyms(tokenStream);
    }

    /** Search time only: Elasticsearch rejects it in an index analyzer, so synonym edits never require a reindex. */
    @Override
    public AnalysisMode getAnalysisMode() {
        return AnalysisMode.SEARCH_TIME;
    }
}
