package fr.guichetbio.catalogue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Index with {@code guichet_french}, search with {@code guichet_french_search}, in a real in-memory Lucene index and
 * with Lucene's graph-aware {@link QueryBuilder} (what an Elasticsearch {@code match} query does).
 */
class SearchChainTest {

    private static final String GENE = "Thérapies géniques et vecteurs viraux";
    private static final String MAB = "Production d'anticorps monoclonaux en CHO";
    private static final String CAR_T = "Fabrication de lymphocytes T modifiés pour essais cliniques";
    private static final String FILL = "Remplissage aseptique de flacons";

    private static ByteBuffersDirectory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(Tokens.INDEX))) {
            for (String text : List.of(GENE, MAB, CAR_T, FILL)) {
                Document doc = new Document();
                doc.add(new StoredField("text", text));
                doc.add(new TextField("description", text, Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        reader = DirectoryReader.open(directory);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @ParameterizedTest(name = "\"{0}\" finds \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            therapie genique             | Thérapies géniques et vecteurs viraux
            thérapie génique             | Thérapies géniques et vecteurs viraux
            gene therapy                 | Thérapies géniques et vecteurs viraux
            Gene Therapies               | Thérapies géniques et vecteurs viraux
            viral vectors                | Thérapies géniques et vecteurs viraux
            mAb                          | Production d'anticorps monoclonaux en CHO
            AcM                          | Production d'anticorps monoclonaux en CHO
            anticorps monoclonal         | Production d'anticorps monoclonaux en CHO
            monoclonal antibodies        | Production d'anticorps monoclonaux en CHO
            l'anticorps                  | Production d'anticorps monoclonaux en CHO
            Chinese hamster ovary        | Production d'anticorps monoclonaux en CHO
            CAR-T                        | Fabrication de lymphocytes T modifiés pour essais cliniques
            CAR T                        | Fabrication de lymphocytes T modifiés pour essais cliniques
            clinical trials              | Fabrication de lymphocytes T modifiés pour essais cliniques
            fill finish                  | Remplissage aseptique de flacons
            fill & finish                | Remplissage aseptique de flacons
            """)
    void matchQueryFindsTheDocument(String query, String expected) throws IOException {
        assertThat(search(query)).containsExactly(expected);
    }

    @Test
    void synonymsDoNotLeakToUnrelatedDocuments() throws IOException {
        assertThat(search("AAV")).isEmpty();
        assertThat(search("mRNA")).isEmpty();
        assertThat(search("car")).isEmpty();
        assertThat(search("cellules")).isEmpty();
    }

    @Test
    void multiWordSynonymsAreMatchedAsPhrases() throws IOException {
        // "mab" expands to the phrase "anticorp monoclonal": both words in sequence, not either of them.
        Query query = matchQuery("mab");
        assertThat(query.toString()).contains("description:\"anticorp monoclonal\"");
        assertThat(Tokens.of(Tokens.SEARCH, "mAb")).contains("mab", "acm", "anticorp", "monoclonal", "antibody");
    }

    /** Like an Elasticsearch {@code match} query (auto_generate_synonyms_phrase_query defaults to true). */
    private static Query matchQuery(String text) {
        QueryBuilder builder = new QueryBuilder(Tokens.SEARCH);
        builder.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
        return builder.createBooleanQuery("description", text);
    }

    private static List<String> search(String text) throws IOException {
        Query query = matchQuery(text);
        List<String> found = new ArrayList<>();
        if (query == null) {
            return found;
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        for (ScoreDoc hit : searcher.search(query, 10).scoreDocs) {
            found.add(searcher.storedFields().document(hit.doc).get("text"));
        }
        return found;
    }
}
