package fr.guichetbio.training.authoring;

import fr.guichetbio.training.assessment.Formula;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Question.Body;
import fr.guichetbio.training.assessment.Question.MultipleChoice;
import fr.guichetbio.training.assessment.Question.Numeric;
import fr.guichetbio.training.assessment.Question.Ordering;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.Range;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import fr.guichetbio.training.assessment.Question.Tolerance;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.authoring.InvalidDraft.Problem;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A quiz and its question bank as the YAML text an instructor edits in one text area (documented on the page and in
 * the README), read with SnakeYAML's safe loader into maps and lists, then checked field by field: every problem names
 * the question (its key, or its number when it has none) and the field. The quiz's own rule — enough questions for
 * every tag — is checked here too, with the tag and the counts, rather than left to fail at the first attempt.
 *
 * <pre>
 * quiz:
 *   draw: {qualite: 2, calculs: 1}     # questions drawn per tag, in this order
 *   passPercent: 80
 *   maxAttempts: 3
 *   coolDownMinutes: 10
 *   timeLimitMinutes: 30               # optional
 * questions:
 *   - key: certification
 *     type: single-choice              # single-choice, multiple-choice, numeric, randomised-numeric, ordering
 *     tags: [qualite]
 *     lesson: systeme-qualite          # the lesson to reread
 *     prompt: Qui certifie un lot ?
 *     explanation: La personne qualifiée (directive 2001/83/CE, article 51).
 *     right: La personne qualifiée     # a list for multiple-choice
 *     wrong: [Le technicien, L'ANSM]
 * </pre>
 *
 * Numeric: {@code expected}, {@code unit}, {@code tolerance} (absolute) and/or {@code relativeTolerance} (0.02 = 2 %).
 * Randomised: {@code parameters} (each {@code {name, min, max, step}}, named {@code {name}} in the prompt),
 * {@code formula}, {@code unit} and tolerances. Ordering: {@code steps}, in the right order.
 *
 * <p>Every scalar is read as text (no YAML booleans or numbers: an option "No" stays "No") and numbers are parsed
 * here, with a comma accepted as the decimal separator.
 */
public final class QuizText {

    /** The form field the problems are about. */
    static final String FIELD = "questions";

    /** A bank is a few dozen questions; far longer text is a mistake (or an attack on the parser). */
    static final int MAX_LENGTH = 200_000;

    private static final Pattern NOT_ENOUGH = Pattern.compile(
            "tag (\\S+) needs (\\d+) questions, the bank has (\\d+) of which earlier tags may take (\\d+)");

    private static final Set<String> TYPES =
            Set.of("single-choice", "multiple-choice", "numeric", "randomised-numeric", "ordering");

    private QuizText() {}

    /**
     * Reads a quiz.
     *
     * @param lessonKeys the draft's lessons: every question must name one of them
     * @throws InvalidDraft listing every problem found (field {@code questions})
     */
    public static Quiz parse(String text, Set<String> lessonKeys) {
        if (text == null || text.isBlank()) {
            throw InvalidDraft.of(FIELD, "required");
        }
        if (text.length() > MAX_LENGTH) {
            throw InvalidDraft.of(FIELD, "tooLong", Integer.toString(MAX_LENGTH));
        }
        Object root;
        try {
            root = yaml().load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw InvalidDraft.of(
                    FIELD,
                    "quiz.syntax",
                    Integer.toString(mark == null ? 1 : mark.getLine() + 1),
                    String.valueOf(e.getProblem()));
        } catch (YAMLException e) {
            throw InvalidDraft.of(FIELD, "quiz.syntax", "1", String.valueOf(e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> document) || !(document.get("quiz") instanceof Map<?, ?> rules)) {
            throw InvalidDraft.of(FIELD, "quiz.structure");
        }
        List<Problem> problems = new ArrayList<>();
        Reader quizReader = new Reader("quiz", rules, problems);
        Map<String, Integer> draw = quizReader.draw();
        Integer pass = quizReader.integer("passPercent", 1, 100, true);
        Integer attempts = quizReader.integer("maxAttempts", 1, 100, true);
        Integer coolDown = quizReader.integer("coolDownMinutes", 0, 60 * 24 * 365, true);
        Integer timeLimit = quizReader.integer("timeLimitMinutes", 1, 60 * 24, false);

        List<Question> bank = new ArrayList<>();
        if (!(document.get("questions") instanceof List<?> questions) || questions.isEmpty()) {
            problems.add(new Problem(FIELD, "quiz.noQuestion", List.of()));
        } else {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < questions.size(); i++) {
                if (!(questions.get(i) instanceof Map<?, ?> fields)) {
                    problems.add(new Problem(FIELD, "question.structure", List.of("#" + (i + 1))));
                    continue;
                }
                String label = fields.get("key") instanceof String key && !key.isBlank() ? key : "#" + (i + 1);
                Question question = new Reader(label, fields, problems).question(lessonKeys);
                if (question != null && !keys.add(question.key())) {
                    problems.add(new Problem(FIELD, "question.duplicate", List.of(label)));
                } else if (question != null) {
                    bank.add(question);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        try {
            return new Quiz(
                    bank,
                    draw,
                    pass,
                    attempts,
                    Duration.ofMinutes(coolDown),
                    timeLimit == null ? null : Duration.ofMinutes(timeLimit));
        } catch (IllegalStateException e) {
            Matcher matcher = NOT_ENOUGH.matcher(String.valueOf(e.getMessage()));
            if (matcher.find()) {
                throw InvalidDraft.of(
                        FIELD,
                        "quiz.notEnough",
                        matcher.group(1),
                        matcher.group(2),
                        matcher.group(3),
                        matcher.group(4));
            }
            throw InvalidDraft.of(FIELD, "quiz.invalid", String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw InvalidDraft.of(FIELD, "quiz.invalid", String.valueOf(e.getMessage()));
        }
    }

    /** The quiz as the text {@link #parse} reads: what an instructor starts from when a new version copies it. */
    public static String write(Quiz quiz) {
        Map<String, Object> rules = new LinkedHashMap<>();
        Map<String, Object> draw = new LinkedHashMap<>();
        quiz.draw().forEach((tag, count) -> draw.put(tag, count.toString()));
        rules.put("draw", draw);
        rules.put("passPercent", Integer.toString(quiz.passPercent()));
        rules.put("maxAttempts", Integer.toString(quiz.maxAttempts()));
        rules.put("coolDownMinutes", Long.toString(quiz.coolDown().toMinutes()));
        if (quiz.timeLimit() != null) {
            rules.put("timeLimitMinutes", Long.toString(quiz.timeLimit().toMinutes()));
        }
        List<Object> questions = new ArrayList<>();
        for (Question question : quiz.bank()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("key", question.key());
            fields.put("type", type(question.body()));
            fields.put("tags", question.tags().stream().sorted().toList());
            fields.put("lesson", question.lessonKey());
            fields.put("prompt", question.prompt());
            fields.put("explanation", question.explanation());
            switch (question.body()) {
                case SingleChoice single -> {
                    fields.put("right", single.options().get(single.correct()));
                    List<String> wrong = new ArrayList<>(single.options());
                    wrong.remove(single.correct());
                    fields.put("wrong", wrong);
                }
                case MultipleChoice multiple -> {
                    List<String> right = new ArrayList<>();
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < multiple.options().size(); i++) {
                        (multiple.correct().contains(i) ? right : wrong)
                                .add(multiple.options().get(i));
                    }
                    fields.put("right", right);
                    fields.put("wrong", wrong);
                }
                case Numeric numeric -> {
                    fields.put("expected", number(numeric.expected()));
                    tolerances(fields, numeric.tolerance());
                    fields.put("unit", numeric.unit());
                }
                case RandomisedNumeric randomised -> {
                    List<Object> parameters = new ArrayList<>();
                    for (Range range : randomised.parameters()) {
                        Map<String, Object> parameter = new LinkedHashMap<>();
                        parameter.put("name", range.name());
                        parameter.put("min", number(range.min()));
                        parameter.put("max", number(range.max()));
                        parameter.put("step", number(range.step()));
                        parameters.add(parameter);
                    }
                    fields.put("parameters", parameters);
                    fields.put("formula", randomised.formula().source());
                    tolerances(fields, randomised.tolerance());
                    fields.put("unit", randomised.unit());
                }
                case Ordering ordering -> fields.put("steps", ordering.steps());
            }
            questions.add(fields);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("quiz", rules);
        document.put("questions", questions);
        return yaml().dump(document);
    }

    private static void tolerances(Map<String, Object> fields, Tolerance tolerance) {
        if (tolerance.absolute() > 0 || tolerance.relative() == 0) {
            fields.put("tolerance", number(tolerance.absolute()));
        }
        if (tolerance.relative() > 0) {
            fields.put("relativeTolerance", number(tolerance.relative()));
        }
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String type(Body body) {
        return switch (body) {
            case SingleChoice single -> "single-choice";
            case MultipleChoice multiple -> "multiple-choice";
            case Numeric numeric -> "numeric";
            case RandomisedNumeric randomised -> "randomised-numeric";
            case Ordering ordering -> "ordering";
        };
    }

    /**
     * Safe loading (plain maps, lists and strings: no tags, no object construction), no aliases (a "billion laughs"
     * text cannot expand), duplicate keys refused, and no implicit types: every scalar stays text.
     */
    private static Yaml yaml() {
        LoaderOptions loading = new LoaderOptions();
        loading.setAllowDuplicateKeys(false);
        loading.setMaxAliasesForCollections(0);
        loading.setCodePointLimit(MAX_LENGTH);
        DumperOptions dumping = new DumperOptions();
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setWidth(120);
        dumping.setAllowUnicode(true);
        return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading, new TextOnly());
    }

    /** Resolves nothing but null: numbers and booleans stay strings, read by {@link Reader} with clear errors. */
    private static final class TextOnly extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** Reads the fields of one mapping (the quiz's rules or one question), adding a problem per bad field. */
    private static final class Reader {

        private final String label;
        private final Map<?, ?> fields;
        private final List<Problem> problems;
        private boolean failed;

        Reader(String label, Map<?, ?> fields, List<Problem> problems) {
            this.label = label;
            this.fields = fields;
            this.problems = problems;
        }

        private void problem(String code, String... args) {
            failed = true;
            List<String> all = new ArrayList<>();
            all.add(label);
            all.addAll(List.of(args));
            problems.add(new Problem(FIELD, code, all));
        }

        Question question(Set<String> lessonKeys) {
            String key = text("key");
            String type = text("type");
            List<String> tags = texts("tags", 1);
            String lesson = text("lesson");
            String prompt = text("prompt");
            String explanation = text("explanation");
            if (key != null && !key.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                problem("question.key");
            }
            if (lesson != null && !lessonKeys.contains(lesson)) {
                problem("question.lesson", lesson);
            }
            if (type != null && !TYPES.contains(type)) {
                problem("question.type", type);
                return null;
            }
            Body body = type == null ? null : body(type);
            if (failed || body == null) {
                return null;
            }
            try {
                return new Question(key, new LinkedHashSet<>(tags), prompt, explanation, lesson, body);
            } catch (IllegalArgumentException e) {
                // The only rule left to the constructor: the prompt's {names} are the declared parameters.
                problem("question.placeholders");
                return null;
            }
        }

        private Body body(String type) {
            switch (type) {
                case "single-choice" -> {
                    String right = text("right");
                    List<String> wrong = texts("wrong", 1);
                    if (right == null || wrong == null) {
                        return null;
                    }
                    List<String> options = new ArrayList<>();
                    options.add(right);
                    options.addAll(wrong);
                    return new SingleChoice(options, 0);
                }
                case "multiple-choice" -> {
                    List<String> right = texts("right", 1);
                    List<String> wrong = texts("wrong", 0);
                    if (right == null || wrong == null) {
                        return null;
                    }
                    if (right.size() + wrong.size() < 2) {
                        problem("question.options");
                        return null;
                    }
                    List<String> options = new ArrayList<>(right);
                    options.addAll(wrong);
                    Set<Integer> correct = new HashSet<>();
                    for (int i = 0; i < right.size(); i++) {
                        correct.add(i);
                    }
                    return new MultipleChoice(options, correct);
                }
                case "numeric" -> {
                    Double expected = number("expected", true);
                    Tolerance tolerance = tolerance();
                    String unit = text("unit");
                    return expected == null || tolerance == null || unit == null
                            ? null
                            : new Numeric(expected, tolerance, unit);
                }
                case "randomised-numeric" -> {
                    List<Range> ranges = ranges();
                    String formula = text("formula");
                    Tolerance tolerance = tolerance();
                    String unit = text("unit");
                    if (ranges == null || formula == null || tolerance == null || unit == null) {
                        return null;
                    }
                    Set<String> names = new HashSet<>();
                    ranges.forEach(range -> names.add(range.name()));
                    try {
                        return new RandomisedNumeric(ranges, Formula.parse(formula, names), tolerance, unit);
                    } catch (IllegalArgumentException e) {
                        problem("question.formula", String.valueOf(e.getMessage()));
                        return null;
                    }
                }
                default -> {
                    List<String> steps = texts("steps", 3);
                    return steps == null ? null : new Ordering(steps);
                }
            }
        }

        private Tolerance tolerance() {
            Double absolute = number("tolerance", false);
            Double relative = number("relativeTolerance", false);
            if (failed) {
                return null;
            }
            if ((absolute != null && absolute < 0) || (relative != null && relative < 0)) {
                problem("question.tolerance");
                return null;
            }
            return new Tolerance(absolute == null ? 0 : absolute, relative == null ? 0 : relative);
        }

        private List<Range> ranges() {
            if (!(fields.get("parameters") instanceof List<?> list) || list.isEmpty()) {
                problem("question.field", "parameters");
                return null;
            }
            List<Range> ranges = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> parameter)) {
                    problem("question.field", "parameters");
                    return null;
                }
                Reader reader = new Reader(label, parameter, problems);
                String name = reader.text("name");
                Double min = reader.number("min", true);
                Double max = reader.number("max", true);
                Double step = reader.number("step", true);
                if (reader.failed) {
                    failed = true;
                    return null;
                }
                try {
                    ranges.add(new Range(name, min, max, step));
                } catch (IllegalArgumentException e) {
                    problem("question.range", name);
                    return null;
                }
                if (!names.add(name)) {
                    problem("question.range", name);
                    return null;
                }
            }
            return ranges;
        }

        String text(String field) {
            if (fields.get(field) instanceof String value && !value.isBlank()) {
                return value.strip();
            }
            problem("question.field", field);
            return null;
        }

        /** A list of texts (a single text is a list of one), at least {@code min} of them. */
        List<String> texts(String field, int min) {
            Object value = fields.get(field);
            List<String> texts = new ArrayList<>();
            if (value instanceof String single && !single.isBlank()) {
                texts.add(single.strip());
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof String text) || text.isBlank()) {
                        problem("question.field", field);
                        return null;
                    }
                    texts.add(text.strip());
                }
            } else if (value != null || min > 0) {
                problem("question.field", field);
                return null;
            }
            if (texts.size() < min) {
                problem("question.count", field, Integer.toString(min));
                return null;
            }
            return texts;
        }

        Double number(String field, boolean required) {
            Object value = fields.get(field);
            if (value == null && !required) {
                return null;
            }
            if (value instanceof String text) {
                try {
                    double number = Double.parseDouble(text.strip().replace(',', '.'));
                    if (Double.isFinite(number)) {
                        return number;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problem("question.number", field);
            return null;
        }

        Integer integer(String field, int min, int max, boolean required) {
            Object value = fields.get(field);
            if (value == null && !required) {
                return null;
            }
            if (value instanceof String text && text.strip().matches("\\d{1,9}")) {
                int number = Integer.parseInt(text.strip());
                if (number >= min && number <= max) {
                    return number;
                }
            }
            problem("quiz.rule", field, Integer.toString(min), Integer.toString(max));
            return null;
        }

        Map<String, Integer> draw() {
            Map<String, Integer> draw = new LinkedHashMap<>();
            if (!(fields.get("draw") instanceof Map<?, ?> counts) || counts.isEmpty()) {
                problem("quiz.draw");
                return draw;
            }
            counts.forEach((tag, count) -> {
                if (tag instanceof String name
                        && count instanceof String number
                        && number.strip().matches("[1-9]\\d{0,2}")) {
                    draw.put(name, Integer.parseInt(number.strip()));
                } else {
                    problem("quiz.draw");
                }
            });
            return draw;
        }
    }
}
