package fr.guichetbio.portal.matchmaking.request;

import java.time.Instant;

/**
 * A PDF attached to a message of a request's thread, as either side may see it: the file an anonymous sponsor attached
 * has a neutral name and no metadata (see {@link RequestService#reply}); who uploaded it is known by the side only.
 */
public record RequestAttachment(long id, long messageId, Side side, String fileName, int sizeBytes, Instant createdAt) {

    /** The size for people: kilobytes, at least 1. */
    public long sizeKb() {
        return Math.max(1, Math.round(sizeBytes / 1024.0));
    }

    /** An attachment's name and content, to download. */
    public record File(String fileName, byte[] content) {}
}
