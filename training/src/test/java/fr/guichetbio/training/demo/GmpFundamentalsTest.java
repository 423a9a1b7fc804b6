package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.LessonRenderer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GmpFundamentalsTest {

    private final DemoCourse course = GmpFundamentals.course();

    @Test
    void isTheCourseTheCatalogueAnnounces() {
        CourseContent content = course.content();
        assertThat(content.language()).isEqualTo("fr");
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
}
