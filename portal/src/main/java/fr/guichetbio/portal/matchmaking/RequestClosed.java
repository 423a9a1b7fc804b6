package fr.guichetbio.portal.matchmaking;

/** The sponsor closed a request: {@code outcome} is {@code WON}, {@code LOST} or {@code WITHDRAWN}. */
public record RequestClosed(long requestId, long manufacturerOrganisationId, String outcome) {}
