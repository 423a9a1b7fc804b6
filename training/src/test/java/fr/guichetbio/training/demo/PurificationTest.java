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

class PurificationTest {

    private final DemoCourse course = Purification.course();

    @Test
    void hasTheLessonsAndQuestionsTheIssueAsksFor() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("chromatographie-purification");
        assertThat(content.language()).isEqualTo("fr");
        assertThat(content.level()).isEqualTo(CourseContent.Level.INTERMEDIATE);
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
        assertThat(DemoCourseChecks.formula(course, "volume-colonne").evaluate(Map.of("d", 20.0, "h", 20.0)))
                .isCloseTo(6.28, within(0.005));
        assertThat(DemoCourseChecks.formula(course, "temps-sejour").evaluate(Map.of("h", 20.0, "u", 300.0)))
                .isCloseTo(4, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "volume-charge")
                        .evaluate(Map.of("dbc", 50.0, "p", 80.0, "cv", 5.0, "t", 2.0)))
                .isCloseTo(100, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "rendement-global")
                        .evaluate(Map.of("y1", 95.0, "y2", 90.0, "y3", 92.0)))
                .isCloseTo(78.7, within(0.05));
        assertThat(DemoCourseChecks.formula(course, "volume-diafiltration").evaluate(Map.of("v", 20.0, "n", 7.0)))
                .isCloseTo(140, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "sel-residuel").evaluate(Map.of("c0", 150.0, "n", 5.0)))
                .isCloseTo(1.0, within(0.05));
        assertThat(DemoCourseChecks.formula(course, "somme-lrv").evaluate(Map.of("r1", 4.5, "r2", 5.0, "r3", 3.0)))
                .isCloseTo(12.5, within(1e-9));
        String lesson =
                course.content().lesson("calculs-purification").orElseThrow().markdown();
        assertThat(lesson)
                .contains(
                        "**6,28 L**",
                        "**4 min**",
                        "**100 L**",
                        "**78,7 %**",
                        "**140 L**",
                        "**1,0 mM**",
                        "**12,5 log₁₀**");
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
                        "capture-proteine-a", "polissage", "securite-virale", "calculs-purification");
        assertThat(course.quiz().passPercent()).isEqualTo(80);
    }
}
