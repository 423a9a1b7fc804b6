package fr.guichetbio.training.transcript;

import fr.guichetbio.training.certification.Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A learner's transcript as it stands now: the courses they completed and every certificate issued to them (superseded
 * and revoked ones included, each with its status at {@code readAt}). Holds no contact detail.
 *
 * @param holderName the learner's name as it is now; empty when the account has none
 */
public record Transcript(
        String holderName, List<CompletedCourse> courses, List<Certificate> certificates, Instant readAt) {

    public Transcript {
        courses = List.copyOf(courses);
        certificates = List.copyOf(certificates);
    }

    /**
     * A course version the learner completed.
     *
     * @param score the best passing quiz score in percent, or {@code null} when none is recorded
     */
    public record CompletedCourse(
            String code,
            String title,
            String language,
            String version,
            Instant enrolledAt,
            Instant completedAt,
            Integer score) {}
}
