package fr.guichetbio.training.course;

import java.time.Instant;

/** A published version of a course as stored: who owns the course, which version it is, and its content. */
public record PublishedCourse(
        long courseId,
        long versionId,
        long providerOrganisationId,
        int major,
        int minor,
        Instant publishedAt,
        CourseContent content) {}
