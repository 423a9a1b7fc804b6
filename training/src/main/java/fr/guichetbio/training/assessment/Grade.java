package fr.guichetbio.training.assessment;

import java.util.List;

/**
 * The result of a submitted attempt: the score and, per question, whether it was right, the right answer, why, and
 * the lesson to reread.
 */
public record Grade(int correct, int total, boolean passed, List<Outcome> outcomes) {

    public Grade {
        outcomes = List.copyOf(outcomes);
    }

    /** The score in whole percent, rounded down (a pass mark of 80 % is not reached by 79.9 %). */
    public int percent() {
        return total == 0 ? 0 : correct * 100 / total;
    }

    /**
     * One question's outcome.
     *
     * @param prompt as the learner read it (with the drawn numbers)
     * @param expected the right answer in words
     */
    public record Outcome(
            String questionKey,
            String prompt,
            boolean answered,
            boolean correct,
            String expected,
            String explanation,
            String lessonKey) {}
}
