package fr.guichetbio.portal.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The worker's name in {@code outbox.processed_by}: configured, or this host and process. */
class IndexingPropertiesTest {

    @Test
    void withoutAConfiguredNameTheWorkerIsNamedAfterItsHostAndProcess() {
        String name = new IndexingProperties(true, null).workerName();

        assertThat(name).endsWith(":" + ProcessHandle.current().pid());
        assertThat(name.substring(0, name.lastIndexOf(':'))).isNotBlank();
        assertThat(new IndexingProperties(true, "  ").workerName()).isEqualTo(name);
    }

    @Test
    void aLongHostNameIsCutSoThatThePidStillFits() {
        String name = IndexingProperties.defaultWorkerName("h".repeat(300), 123456);

        assertThat(name).hasSize(IndexingProperties.MAX_NAME).endsWith("h:123456");
        assertThat(IndexingProperties.defaultWorkerName(null, 7)).isEqualTo("unknown:7");
    }

    @Test
    void aConfiguredNameIsKeptAndMustFitTheColumn() {
        assertThat(new IndexingProperties(true, " indexer-2 ").workerName()).isEqualTo("indexer-2");
        assertThat(new IndexingProperties(true, "x".repeat(100)).workerName()).hasSize(100);
        assertThatThrownBy(() -> new IndexingProperties(true, "x".repeat(101)))
                .hasMessageContaining("guichet.indexing.worker-name");
    }
}
