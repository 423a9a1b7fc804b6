package fr.guichetbio.portal.catalogue.moderation;

/**
 * A moderator sent a listing (a site) back to its organisation; published in the rejection's transaction.
 *
 * @param label the site's name
 */
public record ListingRejected(long organisationId, long siteId, String label, String reason) {}
