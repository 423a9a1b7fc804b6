package fr.guichetbio.portal.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes what a failure left undone, once, whichever replica finds it. A listener that failed marks its publication
 * FAILED; a publication a stopped replica left behind is marked FAILED by Spring Modulith's staleness monitor once it
 * has waited longer than any live replica would take ({@code spring.modulith.events.staleness.*}). This job hands the
 * FAILED ones to their listener again: each replica runs it, and Spring Modulith claims every publication it
 * resubmits with one conditional update ({@code status != 'RESUBMITTED'}), so two replicas never run one listener
 * twice. Publications another replica is still processing are not FAILED and stay untouched, which is why a starting
 * replica no longer resubmits every incomplete publication ({@code republish-outstanding-events-on-restart} off).
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(EventDeliveryProperties.class)
class EventDelivery {

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final EventDeliveryProperties properties;

    EventDelivery(
            FailedEventPublications failed, CompletedEventPublications completed, EventDeliveryProperties properties) {
        this.failed = failed;
        this.completed = completed;
        this.properties = properties;
    }

    /** Runs on every replica: each FAILED publication is claimed by one of them (see above). */
    @Scheduled(
            fixedDelayString = "${guichet.events.check-every:1m}",
            initialDelayString = "${guichet.events.check-every:1m}")
    void resubmitFailed() {
        try {
            failed.resubmit(ResubmissionOptions.defaults().withMinAge(properties.resubmitAfter()));
        } catch (RuntimeException e) {
            // The next pass tries again; a failure here must not stop the schedule.
            log.warn("Resubmitting failed event publications failed: {}", e.toString());
        }
    }

    /** Runs on every replica: a plain delete of old completed rows, which a second run finds already gone. */
    @Scheduled(cron = "0 17 3 * * *", zone = "Europe/Paris")
    void clearOldCompleted() {
        completed.deletePublicationsOlderThan(properties.keepCompleted());
    }
}
