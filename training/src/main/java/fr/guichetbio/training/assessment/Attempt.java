package fr.guichetbio.training.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One attempt at a quiz: the questions and parameters drawn for it, when it started and must end, and, once
 * submitted, its result. The token is given to the page with the questions and must come back with the answers:
 * a submission is bound to the attempt it was drawn for.
 *
 * @param number 1 for the learner's first attempt at this quiz
 * @param deadline when the time limit ends; {@code null} without one
 * @param token random, unguessable; never reused
 * @param result {@code null} until submitted
 */
public record Attempt(
        UUID id,
        long learnerId,
        int number,
        Instant startedAt,
        Instant deadline,
        List<DrawnQuestion> questions,
        String token,
        Instant submittedAt,
        Grade result) {

    public Attempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(token, "token");
        questions = List.copyOf(questions);
        if ((submittedAt == null) != (result == null)) {
            throw new IllegalArgumentException("a submitted attempt has a result, an open one has none");
        }
    }

    public boolean submitted() {
        return submittedAt != null;
    }

    /** Whether the time limit has passed at this instant (never without one). */
    public boolean expiredAt(Instant now) {
        return deadline != null && now.isAfter(deadline);
    }

    /** When the attempt ended: submitted, or its deadline passed unsubmitted; {@code null} while it runs. */
    Instant endedAt(Instant now) {
        if (submitted()) {
            return submittedAt;
        }
        return expiredAt(now) ? deadline : null;
    }

    Attempt graded(Instant at, Grade grade) {
        return new Attempt(id, learnerId, number, startedAt, deadline, questions, token, at, grade);
    }
}
