package fr.guichetbio.training;

import java.time.Instant;

/**
 * A learner enrolled in a course (in its latest published version). Published once per enrolment, in the transaction
 * that records it; the learning records react to it.
 */
public record CourseEnrolled(
        long personId, String courseCode, long courseVersionId, int major, int minor, Instant enrolledAt) {}
