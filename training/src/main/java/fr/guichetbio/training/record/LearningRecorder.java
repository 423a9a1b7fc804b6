package fr.guichetbio.training.record;

import fr.guichetbio.training.CertificateIssued;
import fr.guichetbio.training.CertificateRevoked;
import fr.guichetbio.training.CourseCompleted;
import fr.guichetbio.training.CourseEnrolled;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.QuizGraded;
import fr.guichetbio.training.record.Statements.Verb;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a learning record for each of training's learning events, after the event's transaction commits (a failure
 * is retried from the event publication registry; no learner's request waits on it). A person whose account is gone
 * by then gets none: their records were erased with it.
 */
@Component
class LearningRecorder {

    private final LearningStatements statements;
    private final Learners learners;
    private final JdbcClient jdbc;
    private final Statements xapi;

    LearningRecorder(
            LearningStatements statements, Learners learners, JdbcClient jdbc, LearningRecordsProperties properties) {
        this.statements = statements;
        this.learners = learners;
        this.jdbc = jdbc;
        this.xapi = new Statements(properties.recordsHomePage());
    }

    @ApplicationModuleListener
    void on(CourseEnrolled enrolled) {
        record(
                enrolled.personId(),
                xapi.statement(
                        Statements.idOf("registered|" + enrolled.personId() + "|" + enrolled.courseVersionId()),
                        enrolled.personId(),
                        Verb.REGISTERED,
                        course(enrolled.courseCode(), enrolled.courseVersionId(), false),
                        enrolled.enrolledAt()));
    }

    @ApplicationModuleListener
    void on(QuizGraded graded) {
        ObjectNode statement = xapi.statement(
                Statements.idOf("graded|" + graded.attemptId()),
                graded.personId(),
                graded.passed() ? Verb.PASSED : Verb.FAILED,
                course(graded.courseCode(), graded.courseVersionId(), true),
                graded.submittedAt());
        statement.set("result", Statements.result(graded.percent(), graded.passed(), null));
        record(graded.personId(), statement);
    }

    @ApplicationModuleListener
    void on(CourseCompleted completed) {
        ObjectNode statement = xapi.statement(
                Statements.idOf("completed|" + completed.personId() + "|" + completed.courseVersionId()),
                completed.personId(),
                Verb.COMPLETED,
                course(completed.courseCode(), completed.courseVersionId(), false),
                completed.completedAt());
        statement.set("result", Statements.result(completed.score(), true, true));
        record(completed.personId(), statement);
    }

    @ApplicationModuleListener
    void on(CertificateIssued issued) {
        Optional<String[]> title = title(issued.courseVersionId());
        ObjectNode statement = xapi.statement(
                earned(issued.certificateId()),
                issued.personId(),
                Verb.EARNED,
                xapi.certificate(
                        issued.certificateId(),
                        title.map(t -> t[0]).orElse(null),
                        title.map(t -> t[1]).orElse(null)),
                issued.issuedAt());
        statement
                .withObject("context")
                .putObject("contextActivities")
                .putArray("parent")
                .add(course(issued.courseCode(), issued.courseVersionId(), false));
        record(issued.personId(), statement);
    }

    /** A revocation voids the "earned" statement; the actor is the administrator who revoked it. */
    @ApplicationModuleListener
    void on(CertificateRevoked revoked) {
        record(
                revoked.personId(),
                xapi.statement(
                        Statements.idOf("revoked|" + revoked.certificateId()),
                        revoked.revokedBy(),
                        Verb.VOIDED,
                        Statements.statementRef(earned(revoked.certificateId())),
                        revoked.revokedAt()));
    }

    private static java.util.UUID earned(String certificateId) {
        return Statements.idOf("earned|" + certificateId);
    }

    private void record(long personId, ObjectNode statement) {
        if (learners.nameOf(personId).isPresent()) {
            statements.store(personId, statement);
        }
    }

    private ObjectNode course(String code, long versionId, boolean quiz) {
        Optional<String[]> title = title(versionId);
        String name = title.map(t -> t[0]).orElse(null);
        String language = title.map(t -> t[1]).orElse(null);
        return quiz ? xapi.quiz(code, name, language) : xapi.course(code, name, language);
    }

    /** The version's title and language. */
    private Optional<String[]> title(long versionId) {
        return jdbc.sql("select title, language from course_version where id = :version")
                .param("version", versionId)
                .query((rs, n) -> new String[] {rs.getString("title"), rs.getString("language")})
                .optional();
    }
}
