package fr.guichetbio.training.certification;

import fr.guichetbio.training.CourseCompleted;
import fr.guichetbio.training.Learners;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Issues the certificate of a completed course, after the completion commits (a failure here is retried from the
 * event publication registry; the learner's page never waits on it). An account deleted in between gets none.
 */
@Component
class CertificateIssuer {

    private final Certificates certificates;
    private final Learners learners;

    CertificateIssuer(Certificates certificates, Learners learners) {
        this.certificates = certificates;
        this.learners = learners;
    }

    @ApplicationModuleListener
    void on(CourseCompleted completed) {
        learners.nameOf(completed.personId())
                .ifPresent(name -> certificates.issue(
                        completed.personId(), name, completed.courseVersionId(), completed.score(), false));
    }
}
