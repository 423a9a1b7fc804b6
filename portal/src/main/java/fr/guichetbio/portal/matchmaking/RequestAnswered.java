package fr.guichetbio.portal.matchmaking;

/**
 * Someone posted to a request's thread; {@code toOrganisationId} is the other side, to tell. {@code kind} is the
 * entry's kind ({@code MESSAGE}, {@code INTERESTED}, {@code QUESTION}, {@code DECLINED}, {@code REVEALED}).
 */
public record RequestAnswered(long requestId, long toOrganisationId, String kind) {}
