package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.course.PublishedCourse;
import fr.guichetbio.training.demo.GmpFundamentals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Training's courses on real PostgreSQL: a published version reads back as written, and stays as it was. */
class CoursesTest {

    private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

    static JdbcClient jdbc;
    static Courses courses;

    @BeforeAll
    static void migrate() throws Exception {
        jdbc = TestDatabase.migrated();
        courses = new Courses(jdbc);
    }

    @Test
    void aPublishedCourseReadsBackAsWritten() {
        CourseContent gmp = GmpFundamentals.course().content();
        long versionId = courses.publish(7, 1, 0, gmp, AT);

        PublishedCourse read = courses.latestPublished(gmp.code()).orElseThrow();
        assertThat(read.versionId()).isEqualTo(versionId);
        assertThat(read.providerOrganisationId()).isEqualTo(7);
        assertThat(read.publishedAt()).isEqualTo(AT);
        assertThat(read.content()).isEqualTo(gmp);

        // Frozen: the lesson learners read cannot be rewritten in place.
        assertThatThrownBy(() -> jdbc.sql("update lesson set markdown = 'x' where lesson_key = 'annexe-1'")
                        .update())
                .hasMessageContaining("published");
        // The same version number twice is refused.
        assertThatThrownBy(() -> courses.publish(7, 1, 0, gmp, AT)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theLatestVersionIsShownAndAnotherProviderCannotPublishTheCourse() {
        CourseContent v1 = content("cours-versions", "Première version");
        CourseContent v2 = content("cours-versions", "Version corrigée");
        courses.publish(8, 1, 0, v1, AT);
        courses.publish(8, 1, 1, v2, AT.plusSeconds(60));
        assertThat(courses.latestPublished("cours-versions").orElseThrow())
                .satisfies(course -> assertThat(course.minor()).isEqualTo(1))
                .satisfies(course -> assertThat(course.content().title()).isEqualTo("Version corrigée"));

        assertThatThrownBy(() -> courses.publish(9, 2, 0, v2, AT)).isInstanceOf(IllegalStateException.class);
        assertThat(courses.latestPublished("inconnu")).isEmpty();
    }

    private static CourseContent content(String code, String title) {
        return new CourseContent(
                code,
                "fr",
                CourseContent.Level.INTERMEDIATE,
                title,
                "Résumé",
                60,
                List.of(),
                List.of("Savoir faire"),
                List.of(new CourseContent.Module(
                        "Module", List.of(new CourseContent.Lesson("lecon", "Leçon", "Texte de la leçon.")))));
    }
}
