package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.LessonRenderer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrobiologicalQcTest {

    private final DemoCourse course = MicrobiologicalQc.course();

    @Test
    void isTheCourseTheCatalogueAnnounces() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("microbiological-qc");
        assertThat(content.language()).isEqualTo("en");
        assertThat(content.level()).isEqualTo(CourseContent.Level.INTERMEDIATE);
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
}
