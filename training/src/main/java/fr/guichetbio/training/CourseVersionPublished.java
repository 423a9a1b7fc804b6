package fr.guichetbio.training;

import java.time.Instant;

/**
 * An instructor published a version of a course. Published in the transaction that freezes the version; a major
 * version ({@code minor == 0} after the first) is the one that will require certificates of the course to be renewed
 * (issue 17).
 *
 * @param publishedBy the instructor's person id
 */
public record CourseVersionPublished(
        String courseCode,
        long providerId,
        long courseVersionId,
        int major,
        int minor,
        long publishedBy,
        Instant publishedAt) {

    /** Whether this version is major (x.0): certificates of earlier major versions will need renewing. */
    public boolean majorVersion() {
        return minor == 0;
    }
}
