package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.training.assessment.Assessor;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.LessonRenderer;
import fr.guichetbio.training.path.BioproductionRole;
import fr.guichetbio.training.path.LearningPath;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoCoursesTest {

    private final List<DemoCourse> courses = DemoCourses.all();

    @Test
    void sixCoursesOfWhichTwoInEnglishEachWithItsOwnCode() {
        assertThat(courses).hasSizeGreaterThanOrEqualTo(6);
        assertThat(courses.stream().map(c -> c.content().code()).distinct()).hasSameSizeAs(courses);
        assertThat(courses.stream().filter(c -> c.content().language().equals("en")))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    static List<DemoCourse> courses() {
        return DemoCourses.all();
    }

    @ParameterizedTest
    @MethodSource("courses")
    void hasTheLessonsAndQuestionsTheIssueAsksForEachLessonCitingItsSources(DemoCourse course) {
        CourseContent content = course.content();
        assertThat(content.lessons()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(course.quiz().bank()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(course.quiz().bank().stream().filter(q -> q.body() instanceof RandomisedNumeric))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(course.quiz().bank())
                .allSatisfy(q -> assertThat(content.lesson(q.lessonKey())).isPresent());
        for (CourseContent.Lesson lesson : content.lessons()) {
            assertThat(lesson.markdown()).as(lesson.key()).doesNotContain("<").contains("## Sources");
            assertThat(LessonRenderer.render(lesson.markdown()))
                    .as(lesson.key())
                    .contains("<h3>Sources</h3>")
                    .doesNotContain("&lt;");
        }
    }

    /** Every value a randomised question can draw gives a finite, positive answer (the ranges are small grids). */
    @ParameterizedTest
    @MethodSource("courses")
    void everyDrawableCalculationHasAnAnswer(DemoCourse course) {
        DemoCourseChecks.everyDrawableCalculationHasAnAnswer(course);
    }

    @ParameterizedTest
    @MethodSource("courses")
    void anAttemptDrawsTheQuizSizeAcrossEveryLessonTheQuizNames(DemoCourse course) {
        Attempt attempt = new Assessor(RandomGenerator.of("L64X128MixRandom"))
                .start(1, course.quiz(), List.of(), Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(attempt.questions()).hasSize(course.quiz().size());
        assertThat(attempt.questions().stream()
                        .map(d -> d.question().lessonKey())
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(course.quiz().draw().keySet());
    }

    @Test
    void everyRoleHasAPathOfDemoCoursesThatSaysWhatTheLearnerWillDo() {
        List<String> codes = courses.stream().map(c -> c.content().code()).toList();
        List<LearningPath> paths = DemoCourses.paths();
        assertThat(paths.stream().map(LearningPath::role)).containsExactlyInAnyOrder(BioproductionRole.values());
        for (LearningPath path : paths) {
            assertThat(codes).as(path.code()).containsAll(path.courseCodes());
            assertThat(path.courseCodes())
                    .as(path.code())
                    .doesNotHaveDuplicates()
                    .isNotEmpty();
            assertThat(path.outcome(Locale.ENGLISH)).isNotEqualTo(path.outcome(Locale.FRENCH));
        }
        // Every course is in at least one path.
        assertThat(paths.stream().flatMap(path -> path.courseCodes().stream()).distinct())
                .containsExactlyInAnyOrderElementsOf(codes);
    }
}
