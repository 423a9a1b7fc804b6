package fr.guichetbio.training;

import java.time.Instant;

/**
 * A certificate ends in {@code daysBefore} days or fewer (90, 30 or 7): its holder is reminded. Published once per
 * certificate and threshold, whatever the number of portal replicas (the reminder's row is written first).
 */
public record CertificateExpiring(
        String certificateId,
        long personId,
        String courseCode,
        String courseTitle,
        Instant expiresAt,
        int daysBefore) {}
