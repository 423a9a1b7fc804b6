package fr.guichetbio.training.assessment;

import java.util.Map;
import java.util.UUID;

/**
 * Answers as a page sends them: the attempt they answer, its token, and one answer per question key (a question
 * left blank has none).
 */
public record Submission(UUID attemptId, String token, Map<String, Answer> answers) {

    public Submission {
        answers = Map.copyOf(answers);
    }
}
