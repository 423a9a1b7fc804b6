package fr.guichetbio.portal.organisation;

/**
 * Published inside the transaction that changed an organisation's profile or status, so that other modules can
 * record the consequence in the same transaction (the catalogue writes an outbox row: the organisation's sites are
 * shown, found and hidden according to it).
 */
public record OrganisationChanged(long organisationId) {}
