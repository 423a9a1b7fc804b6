package fr.guichetbio.training.assessment;

import fr.guichetbio.training.assessment.Question.MultipleChoice;
import fr.guichetbio.training.assessment.Question.Numeric;
import fr.guichetbio.training.assessment.Question.Ordering;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.Range;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A question as one attempt drew it: the parameters drawn for a randomised calculation and the order its options or
 * steps are shown in. Kept with the attempt, so that grading sees exactly what the learner saw.
 *
 * @param parameters drawn values by name (empty unless randomised)
 * @param order bank positions in the order shown (options or steps; empty for numbers)
 */
public record DrawnQuestion(Question question, Map<String, Double> parameters, List<Integer> order) {

    public DrawnQuestion {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        order = List.copyOf(order);
    }

    /** Draws parameters and shuffles options or steps. */
    static DrawnQuestion draw(Question question, RandomGenerator random) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        switch (question.body()) {
            case SingleChoice single -> order = shuffled(single.options().size(), random);
            case MultipleChoice multiple -> order = shuffled(multiple.options().size(), random);
            case Ordering ordering -> {
                order = shuffled(ordering.steps().size(), random);
                // Never show the steps already in order: that would give the answer away.
                while (isIdentity(order)) {
                    order = shuffled(ordering.steps().size(), random);
                }
            }
            case Numeric numeric -> {}
            case RandomisedNumeric randomised -> {
                for (Range range : randomised.parameters()) {
                    parameters.put(range.name(), range.value(random.nextInt(range.size())));
                }
            }
        }
        return new DrawnQuestion(question, parameters, order);
    }

    private static List<Integer> shuffled(int size, RandomGenerator random) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, size).boxed().toList());
        for (int i = size - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        return order;
    }

    private static boolean isIdentity(List<Integer> order) {
        return IntStream.range(0, order.size()).allMatch(i -> order.get(i) == i);
    }

    /** What the page may show before submission: the prompt with its numbers, the options or steps, the unit. */
    public QuestionView view(Locale locale) {
        return switch (question.body()) {
            case SingleChoice single ->
                new QuestionView(
                        question.key(),
                        QuestionView.Kind.SINGLE_CHOICE,
                        question.prompt(),
                        shown(single.options()),
                        "");
            case MultipleChoice multiple ->
                new QuestionView(
                        question.key(),
                        QuestionView.Kind.MULTIPLE_CHOICE,
                        question.prompt(),
                        shown(multiple.options()),
                        "");
            case Ordering ordering ->
                new QuestionView(
                        question.key(), QuestionView.Kind.ORDERING, question.prompt(), shown(ordering.steps()), "");
            case Numeric numeric ->
                new QuestionView(
                        question.key(), QuestionView.Kind.NUMBER, question.prompt(), List.of(), numeric.unit());
            case RandomisedNumeric randomised ->
                new QuestionView(
                        question.key(), QuestionView.Kind.NUMBER, prompt(locale), List.of(), randomised.unit());
        };
    }

    /** The prompt with the drawn numbers in place of their {@code {name}}. */
    String prompt(Locale locale) {
        return Question.PLACEHOLDER
                .matcher(question.prompt())
                .replaceAll(match -> format(parameters.get(match.group(1)), locale));
    }

    private List<String> shown(List<String> items) {
        return order.stream().map(items::get).toList();
    }

    /** Whether the answer is right; {@code false} for an answer of the wrong shape (e.g. a number to a choice). */
    boolean isCorrect(Answer answer) {
        return switch (question.body()) {
            case SingleChoice single ->
                answer instanceof Answer.Choice(int shown) && inRange(shown) && order.get(shown) == single.correct();
            case MultipleChoice multiple ->
                answer instanceof Answer.Choices(Set<Integer> shown)
                        && shown.stream().allMatch(this::inRange)
                        && toBank(shown).equals(multiple.correct());
            case Ordering ordering ->
                answer instanceof Answer.Sequence(List<Integer> shown)
                        && shown.size() == order.size()
                        && new HashSet<>(shown).size() == shown.size()
                        && shown.stream().allMatch(this::inRange)
                        && IntStream.range(0, shown.size()).allMatch(i -> order.get(shown.get(i)) == i);
            case Numeric numeric ->
                answer instanceof Answer.Number(double value)
                        && numeric.tolerance().accepts(numeric.expected(), value);
            case RandomisedNumeric randomised ->
                answer instanceof Answer.Number(double value)
                        && randomised.tolerance().accepts(randomised.answer(parameters), value);
        };
    }

    /** Whether the answer refers only to what was shown (a position beyond the options is a forged answer). */
    boolean fits(Answer answer) {
        return switch (answer) {
            case Answer.Choice(int shown) -> !order.isEmpty() && inRange(shown);
            case Answer.Choices(Set<Integer> shown) ->
                !order.isEmpty() && shown.stream().allMatch(this::inRange);
            case Answer.Sequence(List<Integer> shown) ->
                !order.isEmpty() && shown.stream().allMatch(this::inRange);
            case Answer.Number(double value) -> order.isEmpty() && Double.isFinite(value);
        };
    }

    /** The right answer in words, for the result page only. */
    String expected(Locale locale) {
        return switch (question.body()) {
            case SingleChoice single -> single.options().get(single.correct());
            case MultipleChoice multiple ->
                String.join(
                        " ; ",
                        multiple.correct().stream()
                                .sorted()
                                .map(multiple.options()::get)
                                .toList());
            case Ordering ordering -> String.join(" → ", ordering.steps());
            case Numeric numeric -> (format(numeric.expected(), locale) + " " + numeric.unit()).strip();
            case RandomisedNumeric randomised ->
                (format(randomised.answer(parameters), locale) + " " + randomised.unit()).strip();
        };
    }

    private boolean inRange(int shown) {
        return shown >= 0 && shown < order.size();
    }

    private Set<Integer> toBank(Set<Integer> shown) {
        Set<Integer> bank = new HashSet<>();
        shown.forEach(position -> bank.add(order.get(position)));
        return bank;
    }

    /** Up to 4 significant decimals, in the reader's notation (0,25 in French). */
    static String format(double value, Locale locale) {
        DecimalFormat format = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(locale));
        return format.format(value);
    }
}
