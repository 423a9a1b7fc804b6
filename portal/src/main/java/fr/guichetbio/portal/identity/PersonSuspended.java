package fr.guichetbio.portal.identity;

/**
 * Published inside the transaction in which a platform admin suspends a person, so that other modules end what the
 * person holds in the same transaction (the API clients module revokes the clients they registered).
 */
public record PersonSuspended(long personId, long actorPersonId) {}
