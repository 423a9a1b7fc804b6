package fr.guichetbio.portal.matchmaking.request;

import java.time.Instant;
import java.util.Map;

/**
 * A sponsor's request to a manufacturer about one of its sites.
 *
 * @param briefSnapshot the brief as sent ({@code BriefContent.summary()}): codes and figures, no personal data
 * @param revealed whether the manufacturer may see who the sponsor is
 */
public record MatchRequest(
        long id,
        long briefId,
        long sponsorOrganisationId,
        long manufacturerOrganisationId,
        String siteKey,
        String siteName,
        Map<String, Object> briefSnapshot,
        RequestStatus status,
        boolean revealed,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    /** The brief's title as sent. */
    public String briefTitle() {
        return java.util.Objects.toString(briefSnapshot.get("title"), "");
    }

    public java.time.ZonedDateTime updatedInFrance() {
        return updatedAt.atZone(java.time.ZoneId.of("Europe/Paris"));
    }
}
