package fr.guichetbio.portal.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events handled after commit ({@code @ApplicationModuleListener}) run on other threads: a test that counts what they
 * write (outbox rows, notices) first waits until every publication still on its way has been handled.
 */
public final class TestEvents {

    private TestEvents() {}

    /** Waits until no event publication is waiting for, or in the hands of, its listener (failed ones excepted). */
    public static void awaitDelivered(JdbcClient jdbc) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("""
                                select count(*) from event_publication
                                 where completion_date is null and coalesce(status, 'PUBLISHED') <> 'FAILED'
                                """).query(Long.class).single() == 0);
    }
}
