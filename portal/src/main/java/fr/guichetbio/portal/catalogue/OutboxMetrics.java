package fr.guichetbio.portal.catalogue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The search indexer's backlog, read from table {@code outbox} (this module's) at each scrape: {@code
 * guichet.outbox.lag} (seconds since the oldest unprocessed row was queued, 0 when none waits) and {@code
 * guichet.outbox.pending} (rows waiting). The same figures on every replica (one table): a dashboard takes the
 * {@code max}. A lag that grows means no worker is indexing (Elasticsearch down, workers stopped).
 */
@Component
class OutboxMetrics implements MeterBinder {

    private final JdbcClient jdbc;
    private final Outbox outbox;

    OutboxMetrics(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("guichet.outbox.lag", this, OutboxMetrics::lagSeconds)
                .description("Age of the oldest catalogue change the search indexer has yet to apply")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("guichet.outbox.pending", this, metrics -> metrics.orNaN(() -> (double) outbox.pending()))
                .description("Catalogue changes the search indexer has yet to apply")
                .register(meters);
    }

    private double lagSeconds() {
        // The oldest pending row by id: the partial index outbox_pending_idx answers it without a scan.
        return orNaN(() -> jdbc.sql("""
                        select coalesce(extract(epoch from current_timestamp - (
                          select created_at from outbox where processed_at is null order by id limit 1)), 0)""").query(Double.class).single());
    }

    /** A figure, or none (NaN) when the database cannot be read: a scrape never fails on it. */
    private double orNaN(java.util.function.DoubleSupplier figure) {
        try {
            return figure.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
