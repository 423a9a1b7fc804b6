package fr.guichetbio.portal.matchmaking.request;

import java.time.Instant;

/**
 * An entry of a request's thread. Authors are known by their side only: the pages and e-mails never name the people
 * of an anonymous sponsor, and a side is all either party needs.
 */
public record RequestMessage(
        long id,
        Side side,
        MessageKind kind,
        String body,
        String slotQuarter,
        String timeline,
        DeclineReason reason,
        Instant createdAt) {

    public boolean byManufacturer() {
        return side == Side.MANUFACTURER;
    }

    public java.time.ZonedDateTime createdInFrance() {
        return createdAt.atZone(java.time.ZoneId.of("Europe/Paris"));
    }
}
