/**
 * Certificates (issue 17): issued on completion with an unguessable identifier, validity per course, status (valid,
 * expiring, expired, revoked, superseded, renewal required), reminders before expiry, recertification, PDF, the
 * public verification page, transcripts and the employer's training matrix (with each member's consent).
 */
@org.springframework.modulith.NamedInterface("certification")
package fr.guichetbio.training.certification;
