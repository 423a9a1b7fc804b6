package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationChanged;
import fr.guichetbio.portal.organisation.Organisations;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An organisation approved, rejected or renamed changes what its sites' listings show and whether they are public: an
 * outbox row for the organisation (the indexer expands it to its sites). After the change commits, in a transaction
 * of its own, through the event publication registry: a re-index request lost to a crash between the commit and this
 * listener is completed when the publication is resubmitted. No test needs the row in the change's transaction; the
 * row carries the organisation's version as read here, which is the committed one or later. An organisation gone
 * since has no listing left to show: nothing to queue (a listener that failed for it would be resubmitted forever).
 */
@Component
class OrganisationChanges {

    private final Outbox outbox;
    private final Organisations organisations;

    OrganisationChanges(Outbox outbox, Organisations organisations) {
        this.outbox = outbox;
        this.organisations = organisations;
    }

    @ApplicationModuleListener
    void on(OrganisationChanged change) {
        organisations
                .find(change.organisationId())
                .map(Organisation::version)
                .ifPresent(version -> outbox.enqueue(Outbox.Aggregate.ORGANISATION, change.organisationId(), version));
    }
}
