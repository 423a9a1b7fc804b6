package fr.guichetbio.catalogue.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogueIndexerTest {

    @Test
    void upsertsAndDeletionsAreExternallyVersionedWithTheSiteVersion() {
        BulkRequest request = CatalogueIndexer.bulkRequest(
                "catalogue", List.of(document(12, 7)), List.of(new CatalogueIndexer.Deletion(13, 4)));

        assertThat(request.operations()).hasSize(2);
        BulkOperation upsert = request.operations().get(0);
        assertThat(upsert.isIndex()).isTrue();
        assertThat(upsert.index().index()).isEqualTo("catalogue");
        assertThat(upsert.index().id()).isEqualTo("12");
        assertThat(upsert.index().version()).isEqualTo(7L);
        assertThat(upsert.index().versionType()).isEqualTo(VersionType.ExternalGte);
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) upsert.index().document();
        assertThat(source).containsEntry(CatalogueFields.NAME, "Site 12").containsEntry(CatalogueFields.GMP, true);

        BulkOperation delete = request.operations().get(1);
        assertThat(delete.isDelete()).isTrue();
        assertThat(delete.delete().id()).isEqualTo("13");
        assertThat(delete.delete().version()).isEqualTo(4L);
        assertThat(delete.delete().versionType()).isEqualTo(VersionType.ExternalGte);
    }

    @Test
    void everyItemIsClassified() throws Exception {
        CatalogueIndexer.Result result = CatalogueIndexer.interpret(List.of(
                item("1", OperationType.Index, 201, null),
                item("2", OperationType.Index, 409, "version_conflict_engine_exception"),
                item("3", OperationType.Delete, 404, null),
                item("4", OperationType.Index, 400, "document_parsing_exception"),
                item("5", OperationType.Delete, 200, null)));

        assertThat(result.written()).isEqualTo(2);
        assertThat(result.superseded()).isEqualTo(2);
        assertThat(result.done()).isEqualTo(4);
        assertThat(result.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.siteId()).isEqualTo(4);
            assertThat(rejected.reason()).contains("document_parsing_exception");
        });
    }

    @Test
    void aTransientItemFailureFailsTheWholeBatchSoItIsRetried() {
        assertThatThrownBy(() -> CatalogueIndexer.interpret(List.of(
                        item("1", OperationType.Index, 201, null),
                        item("2", OperationType.Index, 429, "es_rejected_execution_exception"))))
                .isInstanceOf(CatalogueIndexer.IndexUnavailableException.class)
                .hasMessageContaining("429");
        assertThatThrownBy(() -> CatalogueIndexer.interpret(
                        List.of(item("1", OperationType.Index, 503, "unavailable_shards_exception"))))
                .isInstanceOf(CatalogueIndexer.IndexUnavailableException.class);
    }

    private static BulkResponseItem item(String id, OperationType type, int status, String errorType) {
        return BulkResponseItem.of(b -> {
            b.id(id).index("catalogue").operationType(type).status(status);
            if (errorType != null) {
                b.error(e -> e.type(errorType).reason("because"));
            }
            return b;
        });
    }

    static SiteDocument document(long id, long version) {
        return new SiteDocument(
                id,
                version,
                "site-" + id,
                "Site " + id,
                "Organisation",
                "organisation",
                "CDMO",
                List.of(),
                List.of(),
                "Lyon",
                "69007",
                "84",
                "FR",
                null,
                List.of("MAB"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                true,
                2000,
                List.of("500_2000"),
                "SELF_DECLARED",
                List.of(),
                null);
    }
}
