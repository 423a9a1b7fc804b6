package fr.guichetbio.training.certification;

import java.time.Duration;
import java.time.Instant;

/**
 * A certificate as stored: who holds it (their name as it was at issue), for which course version, when it was issued
 * and until when it is valid, and what may have ended it early.
 *
 * @param id the public, unguessable identifier (26 characters of base32: 128 random bits) used in every link
 * @param statusIndex the certificate's position in the revocation status list
 * @param revokedAt {@code null} unless revoked; then {@code revocationReason} says why
 * @param supersededBy the certificate that replaced this one, or {@code null}
 * @param renewalRequiredBy the deadline set by a major course version, or {@code null}
 */
public record Certificate(
        String id,
        long personId,
        String holderName,
        String courseCode,
        String courseTitle,
        String courseLanguage,
        long courseVersionId,
        int major,
        int minor,
        int score,
        boolean recertification,
        Instant issuedAt,
        Instant validUntil,
        int statusIndex,
        Instant revokedAt,
        String revocationReason,
        String supersededBy,
        Instant renewalRequiredBy) {

    /** A certificate is "expiring" from this long before the end of its validity. */
    public static final Duration EXPIRING_WITHIN = Duration.ofDays(90);

    public CertificateStatus status(Instant now) {
        if (revokedAt != null) {
            return CertificateStatus.REVOKED;
        }
        if (supersededBy != null) {
            return CertificateStatus.SUPERSEDED;
        }
        if (!now.isBefore(expiresAt())) {
            return CertificateStatus.EXPIRED;
        }
        if (renewalRequiredBy != null) {
            return CertificateStatus.RENEWAL_REQUIRED;
        }
        return now.plus(EXPIRING_WITHIN).isBefore(validUntil) ? CertificateStatus.VALID : CertificateStatus.EXPIRING;
    }

    /** When the certificate stops being valid: the end of its validity, or the renewal deadline when earlier. */
    public Instant expiresAt() {
        return renewalRequiredBy != null && renewalRequiredBy.isBefore(validUntil) ? renewalRequiredBy : validUntil;
    }

    public String version() {
        return major + "." + minor;
    }
}
