package fr.guichetbio.training.assessment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A course's quiz: how many questions to draw per tag from its bank, the pass mark, the number of attempts, the
 * cool-down between attempts and an optional time limit (enforced when the attempt is submitted).
 *
 * @param draw questions per tag, drawn in this order of tags
 * @param passPercent the score (in % of questions) needed to pass
 * @param timeLimit {@code null} for none
 */
public record Quiz(
        List<Question> bank,
        Map<String, Integer> draw,
        int passPercent,
        int maxAttempts,
        Duration coolDown,
        Duration timeLimit) {

    public Quiz {
        bank = List.copyOf(bank);
        draw = Collections.unmodifiableMap(new LinkedHashMap<>(draw));
        Objects.requireNonNull(coolDown, "coolDown");
        if (passPercent < 1 || passPercent > 100) {
            throw new IllegalArgumentException("pass mark must be 1 to 100 %: " + passPercent);
        }
        if (maxAttempts < 1 || coolDown.isNegative() || (timeLimit != null && !timeLimit.isPositive())) {
            throw new IllegalArgumentException("attempts must be 1+, cool-down and time limit positive");
        }
        Set<String> keys = new HashSet<>();
        for (Question question : bank) {
            if (!keys.add(question.key())) {
                throw new IllegalArgumentException("question key used twice: " + question.key());
            }
        }
        if (draw.isEmpty() || draw.values().stream().anyMatch(count -> count < 1)) {
            throw new IllegalArgumentException("a quiz draws at least one question for each of its tags");
        }
        requireEnoughQuestions(bank, draw);
    }

    /**
     * Every drawing must succeed, whatever the random numbers: refused here rather than when a learner starts. A tag
     * drawn later must have enough questions left even if the earlier tags took every question they share with it.
     */
    private static void requireEnoughQuestions(List<Question> bank, Map<String, Integer> draw) {
        List<String> tags = List.copyOf(draw.keySet());
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            long carrying = bank.stream().filter(q -> q.tags().contains(tag)).count();
            long takenAtMost = 0;
            for (String earlier : tags.subList(0, i)) {
                long shared = bank.stream()
                        .filter(q -> q.tags().contains(tag) && q.tags().contains(earlier))
                        .count();
                takenAtMost += Math.min(shared, draw.get(earlier));
            }
            if (carrying - takenAtMost < draw.get(tag)) {
                throw new IllegalStateException("tag " + tag + " needs " + draw.get(tag) + " questions, the bank has "
                        + carrying + " of which earlier tags may take " + takenAtMost);
            }
        }
    }

    /**
     * Draws the questions of one attempt: for each tag in turn, that many questions carrying it that were not drawn
     * already.
     *
     * @throws IllegalStateException when the bank has too few questions for a tag
     */
    List<DrawnQuestion> draw(RandomGenerator random) {
        List<DrawnQuestion> drawn = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        draw.forEach((tag, count) -> {
            List<Question> candidates = new ArrayList<>(bank.stream()
                    .filter(question -> question.tags().contains(tag) && !taken.contains(question.key()))
                    .toList());
            if (candidates.size() < count) {
                throw new IllegalStateException(
                        "tag " + tag + " needs " + count + " questions, the bank has " + candidates.size() + " left");
            }
            for (int i = 0; i < count; i++) {
                Question question = candidates.remove(random.nextInt(candidates.size()));
                taken.add(question.key());
                drawn.add(DrawnQuestion.draw(question, random));
            }
        });
        return drawn;
    }

    /**
     * The recertification assessment of this quiz: half the questions of each tag (rounded up), the same pass mark,
     * attempts, cool-down and time limit. A holder shows they still master the course without taking it all again.
     */
    public Quiz shortened() {
        Map<String, Integer> half = new LinkedHashMap<>();
        draw.forEach((tag, count) -> half.put(tag, (count + 1) / 2));
        return new Quiz(bank, half, passPercent, maxAttempts, coolDown, timeLimit);
    }

    /** The number of questions an attempt holds. */
    public int size() {
        return draw.values().stream().mapToInt(Integer::intValue).sum();
    }
}
