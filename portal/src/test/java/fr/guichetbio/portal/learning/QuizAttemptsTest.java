package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.training.assessment.Assessor;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.QuizAttempts;
import fr.guichetbio.training.assessment.Submission;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.demo.DemoCourse;
import fr.guichetbio.training.demo.GmpFundamentals;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attempts on real PostgreSQL: an attempt reads back with what it drew (so grading after a reload sees what the
 * learner saw), and of two submissions of one attempt racing past the engine's check, only one is recorded.
 */
class QuizAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final DemoCourse GMP = GmpFundamentals.course();

    static QuizAttempts attempts;
    static long versionId;

    private final Assessor assessor = new Assessor(RandomGenerator.of("L64X128MixRandom"));

    @BeforeAll
    static void migrate() throws Exception {
        JdbcClient jdbc = TestDatabase.migrated();
        versionId = new Courses(jdbc).publish(1, 1, 0, GMP.content(), T0);
        attempts = new QuizAttempts(jdbc);
    }

    @Test
    void anAttemptReadsBackWithWhatItDrewAndItsGrade() {
        Attempt attempt = assessor.start(41, GMP.quiz(), List.of(), T0);
        attempts.insert(versionId, attempt);

        Attempt read = attempts.find(attempt.id(), GMP.quiz()).orElseThrow();
        assertThat(read).isEqualTo(attempt);
        assertThat(attempts.of(41, versionId, GMP.quiz())).containsExactly(attempt);

        Attempt graded = assessor.submit(
                GMP.quiz(), read, new Submission(read.id(), read.token(), Map.of()), T0.plusSeconds(60), Locale.FRENCH);
        assertThat(attempts.recordSubmission(graded)).isTrue();
        assertThat(attempts.find(attempt.id(), GMP.quiz()).orElseThrow()).isEqualTo(graded);
    }

    @Test
    void onlyOneOfTwoConcurrentSubmissionsIsRecorded() {
        Attempt attempt = assessor.start(42, GMP.quiz(), List.of(), T0);
        attempts.insert(versionId, attempt);
        // Two requests loaded the open attempt and both passed the engine's checks before either was stored.
        Attempt first = assessor.submit(
                GMP.quiz(),
                attempt,
                new Submission(attempt.id(), attempt.token(), Map.of()),
                T0.plusSeconds(60),
                Locale.FRENCH);
        Attempt second = assessor.submit(
                GMP.quiz(),
                attempt,
                new Submission(attempt.id(), attempt.token(), Map.of()),
                T0.plusSeconds(61),
                Locale.FRENCH);

        assertThat(attempts.recordSubmission(first)).isTrue();
        assertThat(attempts.recordSubmission(second)).isFalse();
        assertThat(attempts.find(attempt.id(), GMP.quiz()).orElseThrow().submittedAt())
                .isEqualTo(T0.plusSeconds(60));
    }
}
