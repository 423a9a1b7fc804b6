package fr.guichetbio.training.assessment;

import fr.guichetbio.training.assessment.Question.Body;
import fr.guichetbio.training.assessment.Question.MultipleChoice;
import fr.guichetbio.training.assessment.Question.Numeric;
import fr.guichetbio.training.assessment.Question.Ordering;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.Range;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import fr.guichetbio.training.assessment.Question.Tolerance;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A course version's question bank ({@code question}) and quiz rules ({@code quiz}). What a question's type holds — the
 * options and the right ones, the expected value, the ranges and formula — is stored as the JSON of a {@link Stored}
 * record, read back only here: pages receive {@link QuestionView}s. Written while the version is a draft; the
 * database refuses changes once it is published (change training-0005).
 */
@Repository
public class QuestionBanks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public QuestionBanks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the bank and the rules of a draft version's quiz. */
    public void save(long courseVersionId, Quiz quiz) {
        jdbc.sql("delete from quiz where course_version_id = :version")
                .param("version", courseVersionId)
                .update();
        jdbc.sql("delete from question where course_version_id = :version")
                .param("version", courseVersionId)
                .update();
        for (Question question : quiz.bank()) {
            jdbc.sql("""
                            insert into question (course_version_id, question_key, kind, tags, prompt, explanation,
                                                  lesson_key, body)
                            values (:version, :key, :kind, :tags, :prompt, :explanation, :lesson,
                                    cast(:body as jsonb))
                            """)
                    .param("version", courseVersionId)
                    .param("key", question.key())
                    .param("kind", kind(question.body()))
                    .param("tags", question.tags().stream().sorted().toArray(String[]::new))
                    .param("prompt", question.prompt())
                    .param("explanation", question.explanation())
                    .param("lesson", question.lessonKey())
                    .param("body", JSON.writeValueAsString(Stored.of(question.body())))
                    .update();
        }
        jdbc.sql("""
                        insert into quiz (course_version_id, draw, pass_percent, max_attempts, cool_down_seconds,
                                          time_limit_seconds)
                        values (:version, cast(:draw as jsonb), :pass, :attempts, :coolDown, :timeLimit)
                        """)
                .param("version", courseVersionId)
                .param(
                        "draw",
                        JSON.writeValueAsString(quiz.draw().entrySet().stream()
                                .map(entry -> new TagDraw(entry.getKey(), entry.getValue()))
                                .toList()))
                .param("pass", quiz.passPercent())
                .param("attempts", quiz.maxAttempts())
                .param("coolDown", quiz.coolDown().toSeconds())
                .param(
                        "timeLimit",
                        quiz.timeLimit() == null ? null : quiz.timeLimit().toSeconds())
                .update();
    }

    /** The quiz of this course version with its bank; empty when the version has none. */
    public Optional<Quiz> quiz(long courseVersionId) {
        List<Question> bank = jdbc.sql("select * from question where course_version_id = :version order by id")
                .param("version", courseVersionId)
                .query((rs, n) -> question(rs))
                .list();
        return jdbc.sql("select * from quiz where course_version_id = :version")
                .param("version", courseVersionId)
                .query((rs, n) -> {
                    Map<String, Integer> draw = new LinkedHashMap<>();
                    JSON.readValue(rs.getString("draw"), new TypeReference<List<TagDraw>>() {})
                            .forEach(tagDraw -> draw.put(tagDraw.tag(), tagDraw.count()));
                    int timeLimit = rs.getInt("time_limit_seconds");
                    return new Quiz(
                            bank,
                            draw,
                            rs.getInt("pass_percent"),
                            rs.getInt("max_attempts"),
                            Duration.ofSeconds(rs.getInt("cool_down_seconds")),
                            rs.wasNull() || timeLimit == 0 ? null : Duration.ofSeconds(timeLimit));
                })
                .optional();
    }

    private static Question question(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("tags");
        Stored stored = JSON.readValue(rs.getString("body"), Stored.class);
        return new Question(
                rs.getString("question_key"),
                Set.copyOf(Arrays.asList((String[]) tags.getArray())),
                rs.getString("prompt"),
                rs.getString("explanation"),
                rs.getString("lesson_key"),
                stored.body(rs.getString("kind")));
    }

    private static String kind(Body body) {
        return switch (body) {
            case SingleChoice single -> "SINGLE_CHOICE";
            case MultipleChoice multiple -> "MULTIPLE_CHOICE";
            case Numeric numeric -> "NUMERIC";
            case RandomisedNumeric randomised -> "RANDOMISED_NUMERIC";
            case Ordering ordering -> "ORDERING";
        };
    }

    record TagDraw(String tag, int count) {}

    /**
     * A question's body as stored: the fields of its type, the others absent. The formula is kept as its source and
     * parsed again (against the declared parameters) when read.
     */
    record Stored(
            List<String> options,
            List<Integer> correct,
            Double expected,
            Double absoluteTolerance,
            Double relativeTolerance,
            String unit,
            List<Range> parameters,
            String formula) {

        static Stored of(Body body) {
            return switch (body) {
                case SingleChoice single ->
                    new Stored(single.options(), List.of(single.correct()), null, null, null, null, null, null);
                case MultipleChoice multiple ->
                    new Stored(
                            multiple.options(),
                            multiple.correct().stream().sorted().toList(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null);
                case Numeric numeric ->
                    new Stored(
                            null,
                            null,
                            numeric.expected(),
                            numeric.tolerance().absolute(),
                            numeric.tolerance().relative(),
                            numeric.unit(),
                            null,
                            null);
                case RandomisedNumeric randomised ->
                    new Stored(
                            null,
                            null,
                            null,
                            randomised.tolerance().absolute(),
                            randomised.tolerance().relative(),
                            randomised.unit(),
                            randomised.parameters(),
                            randomised.formula().source());
                case Ordering ordering -> new Stored(ordering.steps(), null, null, null, null, null, null, null);
            };
        }

        Body body(String kind) {
            return switch (kind) {
                case "SINGLE_CHOICE" -> new SingleChoice(options, correct.getFirst());
                case "MULTIPLE_CHOICE" -> new MultipleChoice(options, Set.copyOf(correct));
                case "NUMERIC" -> new Numeric(expected, tolerance(), unit);
                case "RANDOMISED_NUMERIC" -> RandomisedNumeric.of(parameters, formula, tolerance(), unit);
                case "ORDERING" -> new Ordering(options);
                default -> throw new IllegalStateException("unknown question kind " + kind);
            };
        }

        private Tolerance tolerance() {
            return new Tolerance(absoluteTolerance, relativeTolerance);
        }
    }
}
