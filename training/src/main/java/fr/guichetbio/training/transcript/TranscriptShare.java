package fr.guichetbio.training.transcript;

import java.time.Instant;

/** A live share link of a learner's transcript: {@code token} is the secret part of its address. */
public record TranscriptShare(String token, Instant createdAt) {}
