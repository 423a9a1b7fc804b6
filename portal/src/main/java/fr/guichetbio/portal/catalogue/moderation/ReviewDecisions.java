package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.identity.PortalUser;

/**
 * The decisions a moderator (platform admin) takes on one kind of item of the moderation queue: GMP evidence
 * ({@link EvidenceReviews}) or listings ({@link ListingReviews}). Each decision names what the moderator saw
 * ({@link Reviewed}) and is refused with {@link Reviewed.Outdated} when the item changed since; a rejection's reason is
 * required ({@link Reviewed#reason}) and published as an event in the decision's transaction, for the notice.
 */
public interface ReviewDecisions {

    /** Whether the item exists (else the decision is answered 404). */
    boolean exists(long id);

    /** What the moderator saw, as the queue's forms carry it. */
    Reviewed reviewed(Integer siteVersion, String certificateSha256);

    /** Checked, with an optional comment. */
    void check(PortalUser moderator, long id, Reviewed reviewed, String comment);

    /** Sent back to the organisation with a reason. */
    void reject(PortalUser moderator, long id, Reviewed reviewed, String reason);
}
