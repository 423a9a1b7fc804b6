package fr.guichetbio.catalogue.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The bioproduction FR/EN synonym map, parsed once from the {@value #RESOURCE} file bundled next to this class.
 *
 * <p>Rules are in Solr format and parsed through {@link GuichetAnalysis#frenchIndexChain} — the filters that precede
 * the synonym filter in the search analyzer — so the file can be written in natural French or English.
 */
public final class BioSynonyms {

    public static final String RESOURCE = "bioproduction-synonyms.txt";

    private BioSynonyms() {}

    /** The shared, immutable synonym map. */
    public static SynonymMap map() {
        return Holder.MAP;
    }

    /** Parses Solr-format rules with the analyzer that precedes the synonym filter; expands equivalences. */
    public static SynonymMap parse(Reader rules) throws IOException, ParseException {
        try (Analyzer analyzer = GuichetAnalysis.analyzer(GuichetAnalysis::frenchIndexChain)) {
            SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
            parser.parse(rules);
            return parser.build();
        }
    }

    static Reader openResource() {
        InputStream in = BioSynonyms.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Missing synonym file " + RESOURCE + " next to " + BioSynonyms.class);
        }
        return new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static final class Holder {
        static final SynonymMap MAP = load();

        private static SynonymMap load() {
            try (Reader reader = openResource()) {
                return parse(reader);
            } catch (CharacterCodingException e) {
                throw new IllegalStateException(RESOURCE + " is not valid UTF-8", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ParseException e) {
                throw new IllegalStateException(
                        "Invalid synonym rule in " + RESOURCE + " near line " + e.getErrorOffset(), e);
            }
        }
    }
}
