package fr.guichetbio.training.enrolment;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.QuizGraded;
import fr.guichetbio.training.assessment.Assessor;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.AttemptRefused;
import fr.guichetbio.training.assessment.Grade;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.assessment.QuizAttempts;
import fr.guichetbio.training.assessment.Submission;
import fr.guichetbio.training.assessment.SubmissionRefused;
import fr.guichetbio.training.course.FrozenVersions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A learner's quiz in the course version they are enrolled in: the {@link Assessor}'s rules over the attempts stored
 * in {@link QuizAttempts}. Starting and submitting lock the enrolment, so one learner's two tabs cannot draw two
 * attempts at once; a submission is recorded by a conditional update, so a replay racing the first one is refused.
 * Passing completes the course when every lesson has been seen.
 */
@Service
public class Quizzes {

    private final Enrolments enrolments;
    private final QuestionBanks banks;
    private final QuizAttempts attempts;
    private final Assessor assessor;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /** The quizzes of the versions learners are enrolled in (never a draft), read at every quiz request. */
    private final FrozenVersions<Quiz> quizzes = new FrozenVersions<>(256);

    @Autowired
    Quizzes(
            Enrolments enrolments,
            QuestionBanks banks,
            QuizAttempts attempts,
            Assessor assessor,
            ApplicationEventPublisher events) {
        this(enrolments, banks, attempts, assessor, events, Clock.systemUTC());
    }

    Quizzes(
            Enrolments enrolments,
            QuestionBanks banks,
            QuizAttempts attempts,
            Assessor assessor,
            ApplicationEventPublisher events,
            Clock clock) {
        this.enrolments = enrolments;
        this.banks = banks;
        this.attempts = attempts;
        this.assessor = assessor;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Where the learner stands: the quiz's rules, their attempts, the open one and whether (or when) they may start.
     *
     * @param refusal why a new attempt may not start now; {@code null} when it may (or one is open)
     */
    public record Standing(Quiz quiz, List<Attempt> attempts, Attempt open, AttemptRefused refusal) {

        public int attemptsLeft() {
            return Math.max(0, quiz.maxAttempts() - attempts.size());
        }

        public boolean passed() {
            return attempts.stream().anyMatch(a -> a.submitted() && a.result().passed());
        }
    }

    /** The learner's standing at the quiz of their version; empty when not enrolled or the version has no quiz. */
    @Transactional(readOnly = true)
    public Optional<Standing> standing(Learner learner, String courseCode) {
        Optional<Enrolment> enrolment = enrolments.find(learner.personId(), courseCode);
        if (enrolment.isEmpty()) {
            return Optional.empty();
        }
        long version = enrolment.get().versionId();
        return quizOf(version).map(quiz -> {
            Instant now = clock.instant();
            List<Attempt> previous = attempts.of(learner.personId(), version, quiz);
            Attempt open = assessor.open(previous, now).orElse(null);
            AttemptRefused refusal =
                    open == null ? assessor.refusal(quiz, previous, now).orElse(null) : null;
            return new Standing(quiz, previous, open, refusal);
        });
    }

    /**
     * The attempt to work on: the open one, or a new one drawn and stored.
     *
     * @throws NoSuchCourse when the learner is not enrolled or the version has no quiz
     * @throws AttemptRefused when the rules refuse a new attempt now
     */
    @Transactional
    public Attempt start(Learner learner, String courseCode) {
        Enrolment enrolment =
                enrolments.lock(learner.personId(), courseCode).orElseThrow(() -> new NoSuchCourse(courseCode));
        Quiz quiz = quizOf(enrolment.versionId()).orElseThrow(() -> new NoSuchCourse(courseCode));
        List<Attempt> previous = attempts.of(learner.personId(), enrolment.versionId(), quiz);
        Attempt attempt = assessor.start(learner.personId(), quiz, previous, clock.instant());
        if (previous.stream().noneMatch(a -> a.id().equals(attempt.id()))) {
            attempts.insert(enrolment.versionId(), attempt);
        }
        return attempt;
    }

    /**
     * Grades a submission and records it (publishing {@link QuizGraded}); passing may complete the course.
     *
     * @param attemptId the attempt the submission names
     * @param answers reads the learner's answers to the attempt's questions (a form); whatever it throws leaves
     *     everything as it was
     * @return the graded attempt
     * @throws SubmissionRefused when the attempt is not the learner's open attempt at this course's quiz (another
     *     learner's, another course's, unknown), was graded already, or the submission is late or altered
     */
    @Transactional
    public Attempt submit(Learner learner, String courseCode, UUID attemptId, Function<Attempt, Submission> answers) {
        Enrolment enrolment = enrolments
                .lock(learner.personId(), courseCode)
                .orElseThrow(() -> new SubmissionRefused(SubmissionRefused.Reason.NOT_THIS_ATTEMPT));
        Quiz quiz = quizOf(enrolment.versionId())
                .orElseThrow(() -> new SubmissionRefused(SubmissionRefused.Reason.NOT_THIS_ATTEMPT));
        Attempt attempt = ownAttempt(learner, enrolment, quiz, attemptId)
                .orElseThrow(() -> new SubmissionRefused(SubmissionRefused.Reason.NOT_THIS_ATTEMPT));
        Attempt graded = assessor.submit(quiz, attempt, answers.apply(attempt), clock.instant(), learner.locale());
        if (!attempts.recordSubmission(graded)) {
            throw new SubmissionRefused(SubmissionRefused.Reason.ALREADY_SUBMITTED);
        }
        events.publishEvent(graded(graded, learner.personId(), courseCode, enrolment.versionId()));
        if (graded.result().passed()) {
            enrolments.completeIfDone(enrolment.id());
        }
        return graded;
    }

    /** The event of a graded attempt, a course's quiz or a renewal's. */
    public static QuizGraded graded(Attempt graded, long personId, String courseCode, long versionId) {
        Grade grade = graded.result();
        return new QuizGraded(
                graded.id(),
                personId,
                courseCode,
                versionId,
                graded.number(),
                grade.correct(),
                grade.total(),
                grade.percent(),
                grade.passed(),
                graded.submittedAt());
    }

    /** One of the learner's own attempts at the quiz of their version (a result page). */
    @Transactional(readOnly = true)
    public Optional<Attempt> attempt(Learner learner, String courseCode, UUID attemptId) {
        return enrolments
                .find(learner.personId(), courseCode)
                .flatMap(enrolment ->
                        quizOf(enrolment.versionId()).flatMap(quiz -> ownAttempt(learner, enrolment, quiz, attemptId)));
    }

    private Optional<Quiz> quizOf(long versionId) {
        return quizzes.get(versionId, banks::quiz);
    }

    private Optional<Attempt> ownAttempt(Learner learner, Enrolment enrolment, Quiz quiz, UUID attemptId) {
        return attempts.of(learner.personId(), enrolment.versionId(), quiz).stream()
                .filter(a -> a.id().equals(attemptId))
                .findFirst();
    }
}
