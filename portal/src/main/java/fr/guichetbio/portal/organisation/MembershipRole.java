package fr.guichetbio.portal.organisation;

/** A person's role within one organisation. */
public enum MembershipRole {
    MEMBER,
    /** Manages members, invitations and API clients of the organisation. */
    ADMIN
}
