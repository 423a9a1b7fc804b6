/**
 * Transcripts (issue 17): what a learner has completed and the certificates they hold, for their own page, PDF and
 * JSON, and the share links ({@code transcript_share}) they create and revoke to show it to an employer.
 */
@org.springframework.modulith.NamedInterface("transcript")
package fr.guichetbio.training.transcript;
