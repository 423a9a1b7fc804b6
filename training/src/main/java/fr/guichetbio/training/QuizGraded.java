package fr.guichetbio.training;

import java.time.Instant;
import java.util.UUID;

/**
 * A quiz attempt was graded (passed or failed). Published once per attempt, in the transaction that records the
 * submission; the learning records react to it.
 *
 * @param percent the score in percent
 */
public record QuizGraded(
        UUID attemptId,
        long personId,
        String courseCode,
        long courseVersionId,
        int number,
        int correct,
        int total,
        int percent,
        boolean passed,
        Instant submittedAt) {}
