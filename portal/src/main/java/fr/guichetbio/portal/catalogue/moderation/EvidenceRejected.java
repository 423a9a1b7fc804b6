package fr.guichetbio.portal.catalogue.moderation;

/**
 * A moderator sent a piece of GMP evidence back to its organisation; published in the rejection's transaction.
 *
 * @param label what the organisation knows the evidence by: its authority and reference
 */
public record EvidenceRejected(long organisationId, long evidenceId, String label, String reason) {}
