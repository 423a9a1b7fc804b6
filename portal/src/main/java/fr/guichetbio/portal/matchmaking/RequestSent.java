package fr.guichetbio.portal.matchmaking;

/** A sponsor sent a request to a manufacturer organisation (published in the sending transaction). */
public record RequestSent(long requestId, long sponsorOrganisationId, long manufacturerOrganisationId) {}
