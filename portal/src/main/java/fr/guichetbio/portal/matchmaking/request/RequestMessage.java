package fr.guichetbio.portal.matchmaking.request;

import java.time.Instant;
import java.util.List;

/**
 * An entry of a request's thread. Authors are known by their side only: the pages and e-mails never name the people
 * of an anonymous sponsor, and a side is all either party needs. Attachments come without their content.
 */
public record RequestMessage(
        long id,
        Side side,
        MessageKind kind,
        String body,
        String slotQuarter,
        String timeline,
        DeclineReason reason,
        Instant createdAt,
        List<RequestAttachment> attachments) {

    public boolean byManufacturer() {
        return side == Side.MANUFACTURER;
    }

    public java.time.ZonedDateTime createdInFrance() {
        return createdAt.atZone(java.time.ZoneId.of("Europe/Paris"));
    }
}
