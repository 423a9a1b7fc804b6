package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.catalogue.moderation.ModerationNotifier.Rejection;
import fr.guichetbio.portal.catalogue.moderation.ModerationNotifier.Subject;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the organisation of a rejection once it is committed (no notice announces a rejection that was rolled back),
 * through the event publication registry: a notice whose notifier failed, or whose process stopped before it ran, is
 * sent when the publication is resubmitted.
 */
@Component
class RejectionNotices {

    private final ModerationNotifier notifier;

    RejectionNotices(ModerationNotifier notifier) {
        this.notifier = notifier;
    }

    @ApplicationModuleListener
    void on(EvidenceRejected rejected) {
        notifier.rejected(new Rejection(
                rejected.organisationId(),
                Subject.EVIDENCE,
                rejected.evidenceId(),
                rejected.label(),
                rejected.reason()));
    }

    @ApplicationModuleListener
    void on(ListingRejected rejected) {
        notifier.rejected(new Rejection(
                rejected.organisationId(), Subject.LISTING, rejected.siteId(), rejected.label(), rejected.reason()));
    }
}
