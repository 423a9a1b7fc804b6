package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichetbio.training.assessment.Assessor;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.LessonRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GmpFundamentalsTest {

    private final DemoCourse course = GmpFundamentals.course();

    @Test
    void hasTheLessonsAndQuestionsTheIssueAsksFor() {
        CourseContent content = course.content();
        assertThat(content.language()).isEqualTo("fr");
        assertThat(content.lessons()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(course.quiz().bank()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(course.quiz().bank().stream().filter(q -> q.body() instanceof RandomisedNumeric))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(course.quiz().bank())
                .allSatisfy(q -> assertThat(content.lesson(q.lessonKey())).isPresent());
    }

    @Test
    void everyLessonRendersCitesItsSourcesAndHasNoRawHtml() {
        for (CourseContent.Lesson lesson : course.content().lessons()) {
            assertThat(lesson.markdown()).as(lesson.key()).doesNotContain("<").contains("## Sources");
            String html = LessonRenderer.render(lesson.markdown());
            assertThat(html).as(lesson.key()).contains("<h3>Sources</h3>").doesNotContain("&lt;");
        }
        assertThat(LessonRenderer.render(
                        course.content().lesson("annexe-1").orElseThrow().markdown()))
                .contains("<table>", "<td>352 000</td>");
    }

    /** Every value a randomised question can draw gives a finite, positive answer (the ranges are small grids). */
    @Test
    void everyDrawableCalculationHasAnAnswer() {
        DemoCourseChecks.everyDrawableCalculationHasAnAnswer(course);
    }

    /** The worked examples of the « calculs » lesson agree with the quiz's formulas. */
    @Test
    void theLessonsWorkedExamplesMatchTheFormulas() {
        assertThat(DemoCourseChecks.formula(course, "dilution-desinfectant")
                        .evaluate(Map.of("c1", 5.0, "c2", 0.5, "v2", 500.0)))
                .isCloseTo(50, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "particules-par-m3").evaluate(Map.of("n", 12.0, "vol", 100.0)))
                .isCloseTo(120, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "densite-cellulaire").evaluate(Map.of("viv", 200.0, "dil", 2.0)))
                .isCloseTo(1.0, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "viabilite").evaluate(Map.of("viv", 200.0, "mortes", 20.0)))
                .isCloseTo(90.9, within(0.01));
        String lesson = course.content().lesson("calculs").orElseThrow().markdown();
        assertThat(lesson).contains("**50 mL**", "**120 particules/m³**", "**1,0 × 10⁶ cellules vivantes/mL**");
    }

    @Test
    void theQuizDrawsTenQuestionsAcrossTheFourLessons() {
        Attempt attempt = new Assessor(RandomGenerator.of("L64X128MixRandom"))
                .start(1, course.quiz(), List.of(), Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(attempt.questions()).hasSize(10);
        assertThat(attempt.questions().stream()
                        .map(d -> d.question().lessonKey())
                        .distinct())
                .containsExactlyInAnyOrder("systeme-qualite", "documentation", "annexe-1", "calculs");
        assertThat(attempt.deadline()).isNotNull();
    }
}
