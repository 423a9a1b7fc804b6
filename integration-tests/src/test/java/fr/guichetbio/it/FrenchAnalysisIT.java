package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import fr.guichetbio.catalogue.index.CatalogueFields;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * French and bioproduction-aware matching through our analysis plugin, installed in the real Elasticsearch the stack
 * runs, with the index settings the catalogue-index module owns.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrenchAnalysisIT {

    private ElasticsearchClient client;

    /**
     * An index of its own with the catalogue's settings and mappings: the catalogue alias holds the demo catalogue
     * (indexed by the portal), whose sites would match these queries too. Not named like the catalogue's versioned
     * indices, which a rebuild removes when the alias does not point at them.
     */
    private final String index = "french-analysis-it-" + System.nanoTime();

    @BeforeAll
    void indexTwoSites(Stack stack) throws Exception {
        client = ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        try (java.io.Reader body = CatalogueIndexSchema.openSettingsAndMappings()) {
            client.indices().create(c -> c.withJson(body).index(index));
        }
        index("gene", "Atelier Vecteurs (fictif)", "Thérapies géniques et vecteurs viraux AAV produits en HEK293.");
        index("mab", "Bioprod Anticorps (fictif)", "Production d'un anticorps monoclonal en cellules CHO, 2 000 L.");
        client.indices().refresh(r -> r.index(index));
    }

    @AfterAll
    void close() throws Exception {
        client.indices().delete(d -> d.index(index));
        client.close();
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource({
        "therapie genique, gene",
        "Thérapie génique, gene",
        "gene therapy, gene",
        "mAb, mab",
        "anticorps monoclonaux, mab",
        "monoclonal antibodies, mab",
    })
    void findsTheSiteWhateverTheSpelling(String query, String expectedId) throws Exception {
        assertThat(search(query)).containsExactly(expectedId);
    }

    @Test
    void anUnrelatedQueryFindsNothing() throws Exception {
        assertThat(search("lyophilisation")).isEmpty();
    }

    private void index(String id, String name, String description) throws Exception {
        client.index(i -> i.index(index)
                .id(id)
                .document(Map.of(CatalogueFields.NAME, name, CatalogueFields.DESCRIPTION, description)));
    }

    private List<String> search(String text) throws Exception {
        SearchResponse<Void> response = client.search(
                s -> s.index(index)
                        .query(q -> q.match(
                                m -> m.field(CatalogueFields.DESCRIPTION).query(text))),
                Void.class);
        return response.hits().hits().stream().map(Hit::id).toList();
    }
}
