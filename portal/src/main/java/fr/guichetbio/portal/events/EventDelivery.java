package fr.guichetbio.portal.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes what a failure left undone: publications are resubmitted at start by Spring Modulith
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}) and here on a schedule, so that a listener
 * that failed once (a database hiccup, a bug since fixed) runs again without a restart.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(EventDeliveryProperties.class)
class EventDelivery {

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final EventDeliveryProperties properties;

    EventDelivery(
            IncompleteEventPublications incomplete,
            CompletedEventPublications completed,
            EventDeliveryProperties properties) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${guichet.events.check-every:1m}",
            initialDelayString = "${guichet.events.check-every:1m}")
    void resubmitIncomplete() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitAfter());
        } catch (RuntimeException e) {
            // The next pass tries again; a failure here must not stop the schedule.
            log.warn("Resubmitting incomplete event publications failed: {}", e.toString());
        }
    }

    @Scheduled(cron = "0 17 3 * * *", zone = "Europe/Paris")
    void clearOldCompleted() {
        completed.deletePublicationsOlderThan(properties.keepCompleted());
    }
}
