package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichetbio.training.assessment.Assessor;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.LessonRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CarTManufacturingTest {

    private final DemoCourse course = CarTManufacturing.course();

    @Test
    void hasTheLessonsAndQuestionsTheIssueAsksFor() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("car-t-manufacturing");
        assertThat(content.language()).isEqualTo("en");
        assertThat(content.level()).isEqualTo(CourseContent.Level.ADVANCED);
        assertThat(content.lessons()).hasSize(4);
        assertThat(course.quiz().bank()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(course.quiz().bank().stream().filter(q -> q.body() instanceof RandomisedNumeric))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(course.quiz().bank().stream().map(q -> q.body().getClass()).distinct())
                .hasSize(Question.Body.class.getPermittedSubclasses().length);
        for (CourseContent.Lesson lesson : content.lessons()) {
            assertThat(lesson.markdown()).as(lesson.key()).doesNotContain("<").contains("## Sources");
            assertThat(LessonRenderer.render(lesson.markdown()))
                    .as(lesson.key())
                    .contains("<h3>Sources</h3>");
        }
    }

    @Test
    void everyDrawableCalculationHasAnAnswer() {
        DemoCourseChecks.everyDrawableCalculationHasAnAnswer(course);
    }

    @Test
    void theLessonsWorkedExamplesMatchTheFormulas() {
        assertThat(DemoCourseChecks.formula(course, "vector-volume").evaluate(Map.of("n", 100.0, "moi", 5.0, "t", 1.0)))
                .isCloseTo(5, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "transduction-efficiency")
                        .evaluate(Map.of("car", 3500.0, "total", 10000.0)))
                .isCloseTo(35, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "copies-per-transduced-cell")
                        .evaluate(Map.of("vcn", 1.2, "f", 40.0)))
                .isCloseTo(3, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "cells-after-doublings").evaluate(Map.of("x0", 100.0, "n", 5.0)))
                .isCloseTo(3200, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "fold-expansion").evaluate(Map.of("x0", 100.0, "xf", 3.2)))
                .isCloseTo(32, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "doubling-time").evaluate(Map.of("n", 5.0, "d", 7.0)))
                .isCloseTo(33.6, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "dose-volume")
                        .evaluate(Map.of("dose", 100.0, "c", 20.0, "f", 25.0)))
                .isCloseTo(20, within(1e-9));
        String lesson =
                course.content().lesson("car-t-calculations").orElseThrow().markdown();
        assertThat(lesson)
                .contains(
                        "**5 mL**",
                        "**35 %**",
                        "**3 copies per transduced cell**",
                        "**3.2 × 10⁹ cells**",
                        "**32-fold**",
                        "**33.6 h**",
                        "**20 mL**");
    }

    @Test
    void theQuizDrawsTenQuestionsAcrossTheFourLessons() {
        Attempt attempt = new Assessor(RandomGenerator.of("L64X128MixRandom"))
                .start(1, course.quiz(), List.of(), Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(attempt.questions()).hasSize(10);
        assertThat(attempt.questions().stream()
                        .map(d -> d.question().lessonKey())
                        .distinct())
                .containsExactlyInAnyOrder(
                        "starting-material-and-identity",
                        "transduction-and-expansion",
                        "formulation-and-release",
                        "car-t-calculations");
        assertThat(course.quiz().passPercent()).isEqualTo(80);
    }
}
