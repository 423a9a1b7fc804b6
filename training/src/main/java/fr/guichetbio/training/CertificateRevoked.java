package fr.guichetbio.training;

import java.time.Instant;

/**
 * An administrator revoked a certificate. Published in the transaction that records it: the status list, the
 * holder's notification and the learning records follow.
 */
public record CertificateRevoked(
        String certificateId,
        long personId,
        String courseCode,
        String reason,
        long revokedBy,
        Instant revokedAt,
        String courseTitle) {}
