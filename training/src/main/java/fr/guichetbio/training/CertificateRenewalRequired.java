package fr.guichetbio.training;

import java.time.Instant;

/**
 * A major version of a course was published: this holder's certificate of an earlier version must be renewed before
 * the deadline (then it expires). Published once per certificate, in the transaction that records it.
 */
public record CertificateRenewalRequired(
        String certificateId, long personId, String courseCode, String courseTitle, Instant deadline) {}
