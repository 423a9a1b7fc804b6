package fr.guichetbio.training.enrolment;

import java.time.Instant;

/**
 * A learner's enrolment in a course: the version they follow (kept when a newer one is published), the last lesson
 * they opened (to resume) and when they completed it.
 *
 * @param lastLessonKey {@code null} before the first lesson
 * @param completedAt {@code null} until every lesson is seen and the quiz passed
 */
public record Enrolment(
        long id,
        long personId,
        long courseId,
        long versionId,
        Instant enrolledAt,
        String lastLessonKey,
        Instant completedAt) {

    public boolean completed() {
        return completedAt != null;
    }
}
