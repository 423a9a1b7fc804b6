package fr.guichetbio.training.certification;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.assessment.Assessor;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.AttemptRefused;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.assessment.QuizAttempts;
import fr.guichetbio.training.assessment.Submission;
import fr.guichetbio.training.assessment.SubmissionRefused;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.course.FrozenVersions;
import fr.guichetbio.training.course.PublishedCourse;
import fr.guichetbio.training.enrolment.Quizzes;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renewing a certificate without following the course again: its holder passes the recertification assessment (the
 * {@link Quiz#shortened() shortened} quiz of the course's latest published version, under the same rules of attempts,
 * cool-down and time limit) and receives a new certificate of that version, which supersedes the old one. Open from
 * 90 days before the end, after a major version requires renewal, and once expired; never for a revoked certificate.
 */
@Service
public class Recertification {

    /** When a certificate may be renewed. */
    static final Set<CertificateStatus> RENEWABLE =
            EnumSet.of(CertificateStatus.EXPIRING, CertificateStatus.RENEWAL_REQUIRED, CertificateStatus.EXPIRED);

    private final Certificates certificates;
    private final Courses courses;
    private final QuestionBanks banks;
    private final QuizAttempts attempts;
    private final Assessor assessor;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final FrozenVersions<Quiz> quizzes = new FrozenVersions<>(256);

    @Autowired
    Recertification(
            Certificates certificates,
            Courses courses,
            QuestionBanks banks,
            QuizAttempts attempts,
            Assessor assessor,
            ApplicationEventPublisher events) {
        this(certificates, courses, banks, attempts, assessor, events, Clock.systemUTC());
    }

    Recertification(
            Certificates certificates,
            Courses courses,
            QuestionBanks banks,
            QuizAttempts attempts,
            Assessor assessor,
            ApplicationEventPublisher events,
            Clock clock) {
        this.certificates = certificates;
        this.courses = courses;
        this.banks = banks;
        this.attempts = attempts;
        this.assessor = assessor;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A renewal in progress or possible: the certificate, the version it renews to and where the holder stands.
     *
     * @param standing the attempts at renewing this certificate and whether one may start
     */
    public record Renewal(Certificate certificate, PublishedCourse course, Quizzes.Standing standing) {}

    /**
     * The holder's renewal of their certificate; empty when it is not theirs, not renewable now (valid for more than
     * 90 days, revoked, superseded) or the course has no published version with a quiz any more.
     */
    @Transactional(readOnly = true)
    public Optional<Renewal> renewal(Learner learner, String certificateId) {
        return own(learner, certificateId)
                .filter(certificate -> RENEWABLE.contains(certificate.status(clock.instant())))
                .flatMap(certificate -> renewal(learner, certificate));
    }

    /** Whether the holder may renew this certificate now (shown as a link on their certificates page). */
    public static boolean renewable(Certificate certificate, Instant now) {
        return RENEWABLE.contains(certificate.status(now));
    }

    private Optional<Renewal> renewal(Learner learner, Certificate certificate) {
        return courses.latestPublished(certificate.courseCode())
                .flatMap(course -> quiz(course.versionId()).map(quiz -> {
                    Instant now = clock.instant();
                    List<Attempt> previous = attempts.renewing(certificate.id(), quiz);
                    Attempt open = assessor.open(previous, now).orElse(null);
                    AttemptRefused refusal =
                            open == null ? assessor.refusal(quiz, previous, now).orElse(null) : null;
                    return new Renewal(certificate, course, new Quizzes.Standing(quiz, previous, open, refusal));
                }));
    }

    /**
     * The renewal attempt to work on: the open one, or a new one drawn and stored.
     *
     * @throws NoSuchRenewal when the certificate is not the learner's or not renewable now
     * @throws AttemptRefused when the rules refuse a new attempt now
     */
    @Transactional
    public Attempt start(Learner learner, String certificateId) {
        Renewal renewal = lockedRenewal(learner, certificateId).orElseThrow(() -> new NoSuchRenewal(certificateId));
        Quizzes.Standing standing = renewal.standing();
        Attempt attempt = assessor.start(learner.personId(), standing.quiz(), standing.attempts(), clock.instant());
        if (standing.open() == null) {
            attempts.insert(renewal.course().versionId(), attempt, certificateId);
        }
        return attempt;
    }

    /**
     * Grades a renewal attempt; passing issues the new certificate (superseding this one).
     *
     * @param answers reads the holder's answers to the attempt's questions; whatever it throws leaves all as it was
     * @throws SubmissionRefused when the attempt is not an open attempt at renewing this holder's certificate, was
     *     graded already, or the submission is late or altered
     */
    @Transactional
    public Attempt submit(
            Learner learner, String certificateId, UUID attemptId, Function<Attempt, Submission> answers) {
        Renewal renewal = lockedRenewal(learner, certificateId)
                .orElseThrow(() -> new SubmissionRefused(SubmissionRefused.Reason.NOT_THIS_ATTEMPT));
        Quiz quiz = renewal.standing().quiz();
        Attempt attempt = renewal.standing().attempts().stream()
                .filter(a -> a.id().equals(attemptId))
                .findFirst()
                .orElseThrow(() -> new SubmissionRefused(SubmissionRefused.Reason.NOT_THIS_ATTEMPT));
        Attempt graded = assessor.submit(quiz, attempt, answers.apply(attempt), clock.instant(), learner.locale());
        if (!attempts.recordSubmission(graded)) {
            throw new SubmissionRefused(SubmissionRefused.Reason.ALREADY_SUBMITTED);
        }
        // Recorded as any graded quiz (learning records: passed or failed), then the new certificate if passed.
        events.publishEvent(Quizzes.graded(
                graded,
                learner.personId(),
                renewal.certificate().courseCode(),
                renewal.course().versionId()));
        if (graded.result().passed()) {
            String holder = learner.displayName() != null
                    ? learner.displayName()
                    : renewal.certificate().holderName();
            certificates.issue(
                    learner.personId(),
                    holder,
                    renewal.course().versionId(),
                    graded.result().percent(),
                    true);
        }
        return graded;
    }

    /** A graded or open attempt at renewing, with where the holder stands: a result page. */
    public record Result(PublishedCourse course, Attempt attempt, Quizzes.Standing standing) {}

    /**
     * One of the holder's attempts at renewing their certificate, whatever the certificate's state now (a passed
     * renewal has superseded it).
     */
    @Transactional(readOnly = true)
    public Optional<Result> result(Learner learner, String certificateId, UUID attemptId) {
        return own(learner, certificateId)
                .flatMap(certificate -> renewal(learner, certificate))
                .flatMap(renewal -> renewal.standing().attempts().stream()
                        .filter(a -> a.id().equals(attemptId))
                        .findFirst()
                        .map(attempt -> new Result(renewal.course(), attempt, renewal.standing())));
    }

    private Optional<Certificate> own(Learner learner, String certificateId) {
        return certificates.find(certificateId).filter(certificate -> certificate.personId() == learner.personId());
    }

    /**
     * The renewal of the learner's certificate if it may be renewed now, the certificate locked until the end of the
     * transaction: one renewal attempt at a time per certificate.
     */
    private Optional<Renewal> lockedRenewal(Learner learner, String certificateId) {
        return certificates
                .lock(certificateId)
                .filter(certificate -> certificate.personId() == learner.personId())
                .filter(certificate -> RENEWABLE.contains(certificate.status(clock.instant())))
                .flatMap(certificate -> renewal(learner, certificate));
    }

    private Optional<Quiz> quiz(long versionId) {
        return quizzes.get(versionId, id -> banks.quiz(id).map(Quiz::shortened));
    }
}
