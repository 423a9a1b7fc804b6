package fr.guichetbio.portal.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code guichet.events.incomplete}: the event publications not completed yet (a listener failed, or has yet to run),
 * counted in this module's {@code event_publication} table at each scrape — a count, not the publications themselves,
 * so that a backlog (when the figure matters) costs no more to scrape. The same figure on every replica (one table):
 * a dashboard takes its {@code max}. A count that stays above zero means a listener keeps failing (see the logs).
 */
@Component
class EventPublicationMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    EventPublicationMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("guichet.events.incomplete", this, EventPublicationMetrics::incomplete)
                .description("Event publications whose listener has not completed")
                .register(meters);
    }

    private double incomplete() {
        try {
            return jdbc.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class)
                    .single();
        } catch (RuntimeException e) {
            // The database is down: no figure rather than a failed scrape.
            return Double.NaN;
        }
    }
}
