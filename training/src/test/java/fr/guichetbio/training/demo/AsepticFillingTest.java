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

class AsepticFillingTest {

    private final DemoCourse course = AsepticFilling.course();

    @Test
    void hasTheLessonsAndQuestionsTheIssueAsksFor() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("remplissage-aseptique");
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
        assertThat(DemoCourseChecks.formula(course, "nombre-flacons")
                        .evaluate(Map.of("vb", 40.0, "vp", 2.0, "vf", 2.0)))
                .isCloseTo(19_000, within(1e-6));
        assertThat(DemoCourseChecks.formula(course, "volume-vrac")
                        .evaluate(Map.of("n", 10_000.0, "vf", 2.5, "vp", 1.5)))
                .isCloseTo(26.5, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "masse-nette").evaluate(Map.of("v", 2.0, "rho", 1.03)))
                .isCloseTo(2.06, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "surface-filtre")
                        .evaluate(Map.of("v", 200.0, "t", 1.0, "j", 500.0)))
                .isCloseTo(0.6, within(1e-9));
        String lesson =
                course.content().lesson("calculs-remplissage").orElseThrow().markdown();
        assertThat(lesson).contains("**19 000 flacons**", "**26,5 L**", "**2,06 g**", "**0,6 m²**", "**3 000 unités**");
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
                        "technologies-barriere",
                        "simulation-procede-aseptique",
                        "filtration-sterilisante",
                        "calculs-remplissage");
        assertThat(course.quiz().passPercent()).isEqualTo(80);
    }
}
