package fr.guichetbio.training;

import java.time.Instant;

/**
 * A learner completed a course version: every lesson seen and its quiz passed. Published once per enrolment, in the
 * transaction that records it; certificates (issue 17), learning records and dashboards react to it.
 *
 * @param score the passing attempt's score in percent
 */
public record CourseCompleted(
        long personId, String courseCode, long courseVersionId, int major, int minor, int score, Instant completedAt) {}
