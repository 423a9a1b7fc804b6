package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.demo.DemoCourse;
import fr.guichetbio.training.demo.DemoCourses;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Question banks on real PostgreSQL: every demo course's bank and quiz rules (every question type, formulas, tags,
 * draw order, limits) read back as written, and once the version is published the database refuses to change them.
 */
class QuestionBanksTest {

    static JdbcClient jdbc;
    static Courses courses;
    static QuestionBanks banks;

    @BeforeAll
    static void migrate() throws Exception {
        jdbc = TestDatabase.migrated();
        courses = new Courses(jdbc);
        banks = new QuestionBanks(jdbc);
    }

    @Test
    void everyDemoQuizReadsBackAsWrittenAndIsFrozenOncePublished() {
        for (DemoCourse course : DemoCourses.all()) {
            long version = courses.draft(3, 1, 0, course.content());
            banks.save(version, course.quiz());
            assertThat(banks.quiz(version)).as(course.content().code()).contains(course.quiz());
            // A draft's bank can be replaced (authoring); a published one cannot.
            banks.save(version, course.quiz());
            courses.publishDraft(version, Instant.now());
            assertThat(banks.quiz(version)).contains(course.quiz());
            assertThatThrownBy(() -> banks.save(version, course.quiz())).hasMessageContaining("is published");
            assertThatThrownBy(() -> jdbc.sql("update question set prompt = 'x' where course_version_id = :v")
                            .param("v", version)
                            .update())
                    .hasMessageContaining("is published");
        }
        assertThat(banks.quiz(-1)).isEmpty();
    }
}
