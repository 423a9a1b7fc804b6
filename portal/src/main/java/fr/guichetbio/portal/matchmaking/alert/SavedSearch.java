package fr.guichetbio.portal.matchmaking.alert;

import fr.guichetbio.portal.search.SearchMatching;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * A person's saved search.
 *
 * @param queryString the search page's parameters, as {@link SearchMatching#canonical} wrote them
 * @param lastCheckedAt when the digest job last compared its matches, or {@code null} before the first check
 */
public record SavedSearch(
        long id, long personId, String name, String queryString, Instant createdAt, Instant lastCheckedAt) {

    /** When it was saved, on the wall clocks of metropolitan France (the portal's users). */
    public ZonedDateTime createdInFrance() {
        return createdAt.atZone(AlertDigests.ZONE);
    }

    /** When it was last checked, in France; {@code null} before the first check. */
    public ZonedDateTime checkedInFrance() {
        return lastCheckedAt == null ? null : lastCheckedAt.atZone(AlertDigests.ZONE);
    }

    /** The search page showing it. */
    public String url() {
        return SearchMatching.url(queryString);
    }
}
