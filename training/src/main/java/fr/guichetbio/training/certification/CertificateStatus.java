package fr.guichetbio.training.certification;

/** Where a certificate stands at a given moment, as the verification page, the badge and the matrix say it. */
public enum CertificateStatus {
    /** Within its validity, more than 90 days before its end. */
    VALID,
    /** Valid, ending within 90 days: time to renew. */
    EXPIRING,
    /** Valid until a deadline set when a major version of the course was published: renew before it. */
    RENEWAL_REQUIRED,
    /** Past its validity, or past the renewal deadline. */
    EXPIRED,
    /** Withdrawn by an administrator, with a reason. */
    REVOKED,
    /** Replaced by a newer certificate of the same course (a renewal). */
    SUPERSEDED;

    /** Whether the holder is certified now: valid, expiring or awaiting renewal before its deadline. */
    public boolean holds() {
        return this == VALID || this == EXPIRING || this == RENEWAL_REQUIRED;
    }
}
