package fr.guichetbio.training.assessment;

import fr.guichetbio.training.assessment.AttemptRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The rules of attempts, free of storage: when a learner may start one (attempt limit, cool-down, not once passed),
 * what it draws, and whether a submission is graded — only the attempt's own, once, in time and answering what it
 * drew. The caller stores attempts and must make "submitted" a conditional write, so that two concurrent submissions
 * of one attempt cannot both be graded.
 */
public final class Assessor {

    /**
     * Accepted after the deadline: a page submitted by its own timer at the last second still arrives. Small enough
     * not to be a useful extension of the time limit.
     */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final RandomGenerator random;
    private final SecureRandom tokens;

    /** @param random draws questions and parameters (seeded in tests); tokens always come from a SecureRandom */
    public Assessor(RandomGenerator random) {
        this.random = random;
        this.tokens = new SecureRandom();
    }

    /**
     * The attempt the learner works on: the open one if there is one (resuming keeps its questions), otherwise a new
     * draw when the rules allow it.
     *
     * @param previous the learner's attempts at this quiz, in any order
     * @throws AttemptRefused when the quiz is passed, no attempt is left or the cool-down runs
     */
    public Attempt start(long learnerId, Quiz quiz, List<Attempt> previous, Instant now) {
        Optional<Attempt> open = open(previous, now);
        if (open.isPresent()) {
            return open.get();
        }
        Optional<AttemptRefused> refusal = refusal(quiz, previous, now);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        Instant deadline = quiz.timeLimit() == null ? null : now.plus(quiz.timeLimit());
        return new Attempt(
                UUID.randomUUID(),
                learnerId,
                previous.size() + 1,
                now,
                deadline,
                quiz.draw(random),
                newToken(),
                null,
                null);
    }

    /** The attempt started and neither submitted nor past its deadline, if any: the one to resume. */
    public Optional<Attempt> open(List<Attempt> previous, Instant now) {
        return previous.stream()
                .filter(attempt -> !attempt.submitted() && !attempt.expiredAt(now))
                .findFirst();
    }

    /**
     * Why a new attempt may not start now, without drawing one: the quiz is passed, no attempt is left or the
     * cool-down runs. Empty when one may start (or one is open, see {@link #open}).
     *
     * @param previous the learner's attempts at this quiz, in any order
     */
    public Optional<AttemptRefused> refusal(Quiz quiz, List<Attempt> previous, Instant now) {
        if (previous.stream()
                .anyMatch(attempt -> attempt.submitted() && attempt.result().passed())) {
            return Optional.of(new AttemptRefused(Reason.PASSED, null));
        }
        // Every attempt started counts, submitted or abandoned: otherwise restarting would show new questions for free.
        if (previous.size() >= quiz.maxAttempts()) {
            return Optional.of(new AttemptRefused(Reason.NO_ATTEMPT_LEFT, null));
        }
        Optional<Instant> lastEnd =
                previous.stream().map(attempt -> attempt.endedAt(now)).max(Comparator.naturalOrder());
        if (lastEnd.isPresent()) {
            Instant retryAt = lastEnd.get().plus(quiz.coolDown());
            if (now.isBefore(retryAt)) {
                return Optional.of(new AttemptRefused(Reason.COOLING_DOWN, retryAt));
            }
        }
        return Optional.empty();
    }

    /**
     * Grades a submission of this attempt.
     *
     * @return the attempt, submitted now with its grade
     * @throws SubmissionRefused when the submission is not this attempt's, was graded already, arrives late or
     *     answers what the attempt did not show
     */
    public Attempt submit(Quiz quiz, Attempt attempt, Submission submission, Instant now, Locale locale) {
        if (!attempt.id().equals(submission.attemptId()) || !sameToken(attempt.token(), submission.token())) {
            throw new SubmissionRefused(SubmissionRefused.Reason.NOT_THIS_ATTEMPT);
        }
        if (attempt.submitted()) {
            throw new SubmissionRefused(SubmissionRefused.Reason.ALREADY_SUBMITTED);
        }
        if (attempt.deadline() != null && now.isAfter(attempt.deadline().plus(GRACE))) {
            throw new SubmissionRefused(SubmissionRefused.Reason.LATE);
        }
        var drawnKeys = new HashSet<String>();
        attempt.questions().forEach(drawn -> drawnKeys.add(drawn.question().key()));
        if (!drawnKeys.containsAll(submission.answers().keySet())) {
            throw new SubmissionRefused(SubmissionRefused.Reason.ALTERED);
        }
        List<Grade.Outcome> outcomes = new ArrayList<>();
        int correct = 0;
        for (DrawnQuestion drawn : attempt.questions()) {
            Answer answer = submission.answers().get(drawn.question().key());
            if (answer != null && !drawn.fits(answer)) {
                throw new SubmissionRefused(SubmissionRefused.Reason.ALTERED);
            }
            boolean right = answer != null && drawn.isCorrect(answer);
            if (right) {
                correct++;
            }
            Question question = drawn.question();
            outcomes.add(new Grade.Outcome(
                    question.key(),
                    drawn.prompt(locale),
                    answer != null,
                    right,
                    drawn.expected(locale),
                    question.explanation(),
                    question.lessonKey()));
        }
        int total = attempt.questions().size();
        boolean passed = correct * 100 >= quiz.passPercent() * total;
        return attempt.graded(now, new Grade(correct, total, passed, outcomes));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        tokens.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Constant-time, so the comparison says nothing about how much of a guessed token was right. */
    private static boolean sameToken(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
