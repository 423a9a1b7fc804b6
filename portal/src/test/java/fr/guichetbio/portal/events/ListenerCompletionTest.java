package fr.guichetbio.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An after-commit listener's publication is completed inside the listener's transaction ({@link ListenerTransactions}):
 * just before that transaction commits, its own publication already reads completed. Were the mark made after the
 * commit, a process stopped in between would have the listener (a notice, an e-mail) run a second time.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.indexing.enabled=false"
        })
@Import(ListenerCompletionTest.Probe.class)
class ListenerCompletionTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Probe probe;

    record Probed(String id) {}

    /** A listener that looks, as its transaction is about to commit, whether its publication is completed. */
    static class Probe {

        private final JdbcClient jdbc;

        private final CompletableFuture<Boolean> completedBeforeCommit = new CompletableFuture<>();

        Probe(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        /** Through a method: the bean is a proxy (async, transactional), its own fields unset. */
        public CompletableFuture<Boolean> completedBeforeCommit() {
            return completedBeforeCommit;
        }

        @ApplicationModuleListener
        void on(Probed event) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    completedBeforeCommit.complete(jdbc.sql("""
                                    select completion_date is not null from event_publication
                                     where position('ListenerCompletionTest' in listener_id) > 0
                                       and position(:id in serialized_event) > 0""")
                            .param("id", event.id())
                            .query(Boolean.class)
                            .single());
                }
            });
        }
    }

    @Test
    void thePublicationIsCompletedInTheListenersTransaction() throws Exception {
        String id = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> events.publishEvent(new Probed(id)));

        assertThat(probe.completedBeforeCommit().get(30, TimeUnit.SECONDS)).isTrue();
    }
}
