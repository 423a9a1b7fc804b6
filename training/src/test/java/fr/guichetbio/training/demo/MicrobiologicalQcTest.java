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

class MicrobiologicalQcTest {

    private final DemoCourse course = MicrobiologicalQc.course();

    @Test
    void hasTheLessonsAndQuestionsTheIssueAsksFor() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("microbiological-qc");
        assertThat(content.language()).isEqualTo("en");
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
        assertThat(DemoCourseChecks.formula(course, "cfu-per-cubic-metre").evaluate(Map.of("n", 4.0, "vol", 500.0)))
                .isCloseTo(8, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "endotoxin-limit").evaluate(Map.of("w", 70.0, "d", 700.0)))
                .isCloseTo(0.5, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "maximum-valid-dilution")
                        .evaluate(Map.of("lim", 0.5, "c", 10.0, "lam", 0.05)))
                .isCloseTo(100, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "spike-recovery")
                        .evaluate(Map.of("ms", 0.45, "mu", 0.05, "s", 0.5)))
                .isCloseTo(80, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "bioburden-per-100-ml").evaluate(Map.of("n", 4.0, "v", 20.0)))
                .isCloseTo(20, within(1e-9));
        assertThat(lesson("environmental-monitoring")).contains("**8 CFU/m³**");
        assertThat(lesson("bacterial-endotoxins")).contains("**0.5 IU/mg**", "**MVD 100**", "**80 %**");
        assertThat(lesson("bioburden-and-mycoplasma")).contains("**20 CFU/100 mL**");
    }

    @Test
    void theEnvironmentalMonitoringTableHasTheAnnex1ActionLimits() {
        String html = LessonRenderer.render(lesson("environmental-monitoring"));
        assertThat(html).contains("<table>", "<td>10</td>", "<td>200</td>", "<td>no growth</td>");
    }

    private String lesson(String key) {
        return course.content().lesson(key).orElseThrow().markdown();
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
                        "environmental-monitoring",
                        "sterility-testing",
                        "bacterial-endotoxins",
                        "bioburden-and-mycoplasma");
        assertThat(course.quiz().passPercent()).isEqualTo(80);
    }
}
