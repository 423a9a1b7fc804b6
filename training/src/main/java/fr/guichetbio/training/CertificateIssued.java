package fr.guichetbio.training;

import java.time.Instant;

/**
 * A certificate was issued (on completing a course, or on passing its recertification). Published in the transaction
 * that records it; notifications, learning records and dashboards react to it.
 *
 * @param supersedes the certificate it replaces, or {@code null}
 */
public record CertificateIssued(
        String certificateId,
        long personId,
        String courseCode,
        long courseVersionId,
        Instant issuedAt,
        Instant validUntil,
        String supersedes,
        String courseTitle) {}
