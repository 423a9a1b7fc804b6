package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.organisation.OrganisationChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An organisation approved, rejected or renamed changes what its sites' listings show and whether they are public: an
 * outbox row for the organisation (the indexer expands it to its sites). After the change commits, in a transaction
 * of its own, through the event publication registry: a re-index request lost to a crash between the commit and this
 * listener is completed when the publication is resubmitted. No test needs the row in the change's transaction; the
 * row carries the organisation's version as read here, which is the committed one or later.
 */
@Component
class OrganisationChanges {

    private final Outbox outbox;
    private final JdbcClient jdbc;

    OrganisationChanges(Outbox outbox, JdbcClient jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrganisationChanged change) {
        int version = jdbc.sql("select version from organisation where id = :id")
                .param("id", change.organisationId())
                .query(Integer.class)
                .single();
        outbox.enqueue(Outbox.Aggregate.ORGANISATION, change.organisationId(), version);
    }
}
