package fr.guichetbio.portal.matchmaking.brief;

import java.time.Instant;

/** A sponsor organisation's brief. {@code version} is the lock of the edit form. */
public record Brief(
        long id,
        long organisationId,
        Long createdBy,
        BriefStatus status,
        BriefContent content,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    /** When it last changed, on the wall clocks of metropolitan France (the portal's users). */
    public java.time.ZonedDateTime updatedInFrance() {
        return updatedAt.atZone(java.time.ZoneId.of("Europe/Paris"));
    }

    public boolean editable() {
        return status != BriefStatus.CLOSED;
    }
}
