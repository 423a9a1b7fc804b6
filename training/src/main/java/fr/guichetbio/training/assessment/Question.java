package fr.guichetbio.training.assessment;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question of a course's bank: what every type shares (its key in the bank, tags a quiz draws by, the prompt,
 * the explanation shown after submission and the lesson to reread) and its {@link Body}, which holds the answer.
 * Only {@link DrawnQuestion#view} leaves this package before submission, and it carries no answer.
 *
 * @param key stable within the bank (attempts and results refer to it)
 * @param prompt plain text; a randomised question names its parameters as {@code {name}}
 * @param lessonKey the lesson that teaches it, linked from the result
 */
public record Question(String key, Set<String> tags, String prompt, String explanation, String lessonKey, Body body) {

    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public Question {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("question key must be lower-case words joined by '-': " + key);
        }
        tags = Set.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("question " + key + " has no tag");
        }
        requireText(prompt, "prompt", key);
        requireText(explanation, "explanation", key);
        Objects.requireNonNull(body, "body");
        Set<String> placeholders = new HashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(prompt);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        Set<String> parameters = body instanceof RandomisedNumeric randomised ? randomised.names() : Set.of();
        if (!placeholders.equals(parameters)) {
            throw new IllegalArgumentException(
                    "question " + key + ": prompt names " + placeholders + " but its parameters are " + parameters);
        }
    }

    private static void requireText(String text, String what, String key) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("question " + key + " has no " + what);
        }
    }

    /** What the learner answers and how it is graded. */
    public sealed interface Body permits SingleChoice, MultipleChoice, Numeric, RandomisedNumeric, Ordering {}

    /** One right option among several (shown shuffled). */
    public record SingleChoice(List<String> options, int correct) implements Body {
        public SingleChoice {
            options = List.copyOf(options);
            if (options.size() < 2 || correct < 0 || correct >= options.size()) {
                throw new IllegalArgumentException("single choice needs 2+ options and a correct one among them");
            }
        }
    }

    /** Every right option and no wrong one (all or nothing; shown shuffled). */
    public record MultipleChoice(List<String> options, Set<Integer> correct) implements Body {
        public MultipleChoice {
            options = List.copyOf(options);
            correct = Set.copyOf(correct);
            int size = options.size();
            if (size < 2 || correct.isEmpty() || correct.stream().anyMatch(index -> index < 0 || index >= size)) {
                throw new IllegalArgumentException("multiple choice needs 2+ options and 1+ correct among them");
            }
        }
    }

    /** A number in a unit, right within the tolerance. */
    public record Numeric(double expected, Tolerance tolerance, String unit) implements Body {
        public Numeric {
            if (!Double.isFinite(expected)) {
                throw new IllegalArgumentException("expected value must be finite");
            }
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * A calculation whose numbers are drawn per attempt from the declared ranges; the answer is the formula over
     * them, computed on the server when grading.
     */
    public record RandomisedNumeric(List<Range> parameters, Formula formula, Tolerance tolerance, String unit)
            implements Body {
        public RandomisedNumeric {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(unit, "unit");
            Set<String> names = new HashSet<>();
            for (Range range : parameters) {
                if (!names.add(range.name())) {
                    throw new IllegalArgumentException("parameter declared twice: " + range.name());
                }
            }
            if (!names.containsAll(formula.parameters())) {
                throw new IllegalArgumentException("formula " + formula + " uses undeclared parameters");
            }
        }

        /** The question over {@code parameters} whose answer is {@code formula}, written with their names. */
        public static RandomisedNumeric of(List<Range> parameters, String formula, Tolerance tolerance, String unit) {
            return new RandomisedNumeric(parameters, Formula.parse(formula, names(parameters)), tolerance, unit);
        }

        Set<String> names() {
            return names(parameters);
        }

        private static Set<String> names(List<Range> parameters) {
            Set<String> names = new HashSet<>();
            parameters.forEach(range -> names.add(range.name()));
            return names;
        }

        double answer(Map<String, Double> values) {
            return formula.evaluate(values);
        }
    }

    /** Steps to put in order (declared in the right order, shown shuffled). */
    public record Ordering(List<String> steps) implements Body {
        public Ordering {
            steps = List.copyOf(steps);
            if (steps.size() < 3) {
                throw new IllegalArgumentException("ordering needs 3+ steps");
            }
        }
    }

    /**
     * A parameter's range: {@code min}, {@code min + step}, … up to {@code max}, so drawn numbers are the round
     * figures a bench would use (e.g. 0.5 to 5 by 0.5 mL).
     */
    public record Range(String name, double min, double max, double step) {
        public Range {
            if (name == null || !PLACEHOLDER.matcher("{" + name + "}").matches()) {
                throw new IllegalArgumentException("bad parameter name: " + name);
            }
            if (!(step > 0) || !(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("bad range for " + name);
            }
        }

        /** How many values the range holds. */
        int size() {
            return (int) Math.floor((max - min) / step + 1e-9) + 1;
        }

        double value(int index) {
            // Rounded to 10 significant decimals so that 0.1 + 2 × 0.1 reads 0.3, not 0.30000000000000004.
            return Math.round((min + index * step) * 1e10) / 1e10;
        }
    }

    /** Accepted when within the absolute or the relative margin, whichever is larger. */
    public record Tolerance(double absolute, double relative) {
        public Tolerance {
            if (!(absolute >= 0) || !(relative >= 0) || !Double.isFinite(absolute) || !Double.isFinite(relative)) {
                throw new IllegalArgumentException("tolerances must be finite and non-negative");
            }
        }

        public static Tolerance relative(double relative) {
            return new Tolerance(0, relative);
        }

        public static Tolerance absolute(double absolute) {
            return new Tolerance(absolute, 0);
        }

        boolean accepts(double expected, double given) {
            return Math.abs(given - expected) <= Math.max(absolute, relative * Math.abs(expected)) + 1e-12;
        }
    }
}
