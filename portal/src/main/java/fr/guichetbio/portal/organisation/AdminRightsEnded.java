package fr.guichetbio.portal.organisation;

/**
 * Published inside the transaction in which a person stops being an administrator of an organisation, so that what
 * they hold on its behalf ends with it, atomically (the API clients module revokes the clients they registered).
 *
 * @param actorPersonId who caused it: the admin who removed or demoted them, or the person themselves
 */
public record AdminRightsEnded(long organisationId, long personId, long actorPersonId, Cause cause) {

    public enum Cause {
        /** Removed from the organisation by an admin. */
        REMOVED,
        /** Admin rights withdrawn by an admin; still a member. */
        DEMOTED,
        /** Left the organisation. */
        LEFT,
        /** Deleted their account (and so left every organisation). */
        ACCOUNT_DELETED
    }
}
