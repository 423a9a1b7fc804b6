package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.organisation.OrganisationChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An organisation approved, rejected or renamed changes what its sites' listings show and whether they are public: an
 * outbox row for the organisation (the indexer expands it to its sites). A plain, synchronous listener on purpose:
 * the row must be written in the transaction of the change, like every other outbox row.
 */
@Component
class OrganisationChanges {

    private final Outbox outbox;
    private final JdbcClient jdbc;

    OrganisationChanges(Outbox outbox, JdbcClient jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OrganisationChanged change) {
        int version = jdbc.sql("select version from organisation where id = :id")
                .param("id", change.organisationId())
                .query(Integer.class)
                .single();
        outbox.enqueue(Outbox.Aggregate.ORGANISATION, change.organisationId(), version);
    }
}
