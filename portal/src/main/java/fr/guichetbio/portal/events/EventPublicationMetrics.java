package fr.guichetbio.portal.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;

/**
 * {@code guichet.events.incomplete}: the event publications not completed yet (a listener failed, or has yet to run),
 * read from Spring Modulith's publication registry at each scrape. The same figure on every replica (one table): a
 * dashboard takes its {@code max}. A count that stays above zero means a listener keeps failing (see the logs).
 */
@Component
class EventPublicationMetrics implements MeterBinder {

    private final EventPublicationRegistry registry;

    EventPublicationMetrics(EventPublicationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("guichet.events.incomplete", this, EventPublicationMetrics::incomplete)
                .description("Event publications whose listener has not completed")
                .register(meters);
    }

    private double incomplete() {
        try {
            Collection<TargetEventPublication> incomplete = registry.findIncompletePublications();
            return incomplete.size();
        } catch (RuntimeException e) {
            // The database is down: no figure rather than a failed scrape.
            return Double.NaN;
        }
    }
}
