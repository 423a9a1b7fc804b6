package fr.guichetbio.portal.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import fr.guichetbio.catalogue.index.CatalogueIndexer;
import fr.guichetbio.portal.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.context.WebApplicationContext;

/**
 * The portal jar as an indexer process (profile {@code indexer}): the outbox worker without pages, security chains or
 * demo seeding (even with demo accounts configured), stamping the rows it processes with its name.
 *
 * <p>Elasticsearch is unreachable here, so the scheduled worker never gets past preparing the index: only the test's
 * own call processes the outbox, through an indexer that accepts everything.
 */
@SpringBootTest(
        properties = {
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.demo.accounts=admin:ADMIN",
            "guichet.indexing.worker-name=indexer-test"
        })
@ActiveProfiles("indexer")
class IndexerProfileTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    OutboxWorker worker;

    @Autowired
    JdbcClient jdbc;

    @MockitoBean
    CatalogueIndexer indexer;

    @Test
    void theIndexerProfileRunsTheWorkerAndNothingOfThePages() {
        assertThat(context).isNotInstanceOf(WebApplicationContext.class);
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).isEmpty();
        assertThat(context.containsBean("demoAccountsSeeder")).isFalse();
        assertThat(context.containsBean("demoOrganisations")).isFalse();
        assertThat(context.containsBean("demoCatalogueSeeder")).isFalse();
        assertThat(jdbc.sql("select count(*) from person").query(Long.class).single())
                .isZero();
    }

    @Test
    void processedRowsCarryTheWorkersName() throws Exception {
        given(indexer.write(any(), any())).willReturn(new CatalogueIndexer.Result(0, 0, List.of()));
        jdbc.sql("delete from outbox").update();
        long id = jdbc.sql("insert into outbox (aggregate_type, aggregate_id, version) values ('site', 987654, 3)"
                        + " returning id")
                .query(Long.class)
                .single();

        assertThat(worker.processBatch()).isEqualTo(1);

        assertThat(jdbc.sql("select processed_by from outbox where id = :id and processed_at is not null")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("indexer-test");
    }
}
