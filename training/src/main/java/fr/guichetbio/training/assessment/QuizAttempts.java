package fr.guichetbio.training.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts in {@code quiz_attempt}. What an attempt drew is stored by question key with its parameters and the order
 * shown, and read back against the quiz's bank, so grading after a reload sees what the learner saw. Recording a
 * submission is a conditional update: of two concurrent submissions of one attempt, only one is recorded.
 */
@Repository
public class QuizAttempts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public QuizAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The question key, parameters and order of one drawn question, as stored. */
    record Drawn(String key, Map<String, Double> parameters, List<Integer> order) {}

    /** Stores a new attempt (open) of the quiz of this course version. */
    public void insert(long courseVersionId, Attempt attempt) {
        insert(courseVersionId, attempt, null);
    }

    /**
     * Stores a new attempt (open) of the quiz of this course version.
     *
     * @param renewedCertificate the certificate a recertification attempt renews; {@code null} for the course's quiz
     */
    public void insert(long courseVersionId, Attempt attempt, String renewedCertificate) {
        List<Drawn> drawn = attempt.questions().stream()
                .map(d -> new Drawn(d.question().key(), d.parameters(), d.order()))
                .toList();
        jdbc.sql("""
                        insert into quiz_attempt (id, person_id, course_version_id, number, started_at, deadline, drawn,
                                                  token, certificate_id)
                        values (:id, :person, :version, :number, :started, :deadline, cast(:drawn as jsonb), :token,
                                :certificate)
                        """)
                .param("certificate", renewedCertificate)
                .param("id", attempt.id())
                .param("person", attempt.learnerId())
                .param("version", courseVersionId)
                .param("number", attempt.number())
                .param("started", Timestamp.from(attempt.startedAt()))
                .param("deadline", attempt.deadline() == null ? null : Timestamp.from(attempt.deadline()))
                .param("drawn", JSON.writeValueAsString(drawn))
                .param("token", attempt.token())
                .update();
    }

    /**
     * Records the grade of a submitted attempt, unless it was recorded already.
     *
     * @return {@code false} when another submission of the attempt was recorded first: this one must be refused
     */
    public boolean recordSubmission(Attempt graded) {
        Grade grade = graded.result();
        return jdbc.sql("""
                                update quiz_attempt
                                   set submitted_at = :at, correct = :correct, total = :total, passed = :passed,
                                       outcomes = cast(:outcomes as jsonb)
                                 where id = :id and submitted_at is null
                                """)
                        .param("at", Timestamp.from(graded.submittedAt()))
                        .param("correct", grade.correct())
                        .param("total", grade.total())
                        .param("passed", grade.passed())
                        .param("outcomes", JSON.writeValueAsString(grade.outcomes()))
                        .param("id", graded.id())
                        .update()
                == 1;
    }

    public Optional<Attempt> find(UUID id, Quiz quiz) {
        return jdbc.sql("select * from quiz_attempt where id = :id")
                .param("id", id)
                .query((rs, n) -> attempt(rs, quiz))
                .optional();
    }

    /** The learner's attempts at the quiz of this course version (not its recertifications), first first. */
    public List<Attempt> of(long personId, long courseVersionId, Quiz quiz) {
        return jdbc.sql("""
                        select * from quiz_attempt where person_id = :person and course_version_id = :version
                           and certificate_id is null
                         order by number
                        """)
                .param("person", personId)
                .param("version", courseVersionId)
                .query((rs, n) -> attempt(rs, quiz))
                .list();
    }

    /** The attempts at renewing this certificate, first first. */
    public List<Attempt> renewing(String certificateId, Quiz quiz) {
        return jdbc.sql("select * from quiz_attempt where certificate_id = :certificate order by number")
                .param("certificate", certificateId)
                .query((rs, n) -> attempt(rs, quiz))
                .list();
    }

    private static Attempt attempt(ResultSet rs, Quiz quiz) throws SQLException {
        Map<String, Question> bank = quiz.bank().stream().collect(Collectors.toMap(Question::key, Function.identity()));
        List<Drawn> stored = JSON.readValue(rs.getString("drawn"), new TypeReference<List<Drawn>>() {});
        List<DrawnQuestion> questions = stored.stream()
                .map(d -> {
                    Question question = bank.get(d.key());
                    if (question == null) {
                        throw new IllegalStateException("attempt names question " + d.key() + ", not in the bank");
                    }
                    return new DrawnQuestion(question, d.parameters(), d.order());
                })
                .toList();
        Timestamp submitted = rs.getTimestamp("submitted_at");
        Grade grade = null;
        if (submitted != null) {
            List<Grade.Outcome> outcomes =
                    JSON.readValue(rs.getString("outcomes"), new TypeReference<List<Grade.Outcome>>() {});
            grade = new Grade(rs.getInt("correct"), rs.getInt("total"), rs.getBoolean("passed"), outcomes);
        }
        Timestamp deadline = rs.getTimestamp("deadline");
        return new Attempt(
                rs.getObject("id", UUID.class),
                rs.getLong("person_id"),
                rs.getInt("number"),
                rs.getTimestamp("started_at").toInstant(),
                deadline == null ? null : deadline.toInstant(),
                questions,
                rs.getString("token"),
                submitted == null ? null : submitted.toInstant(),
                grade);
    }
}
