package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichetbio.training.course.CourseContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurificationTest {

    private final DemoCourse course = Purification.course();

    @Test
    void isTheCourseTheCatalogueAnnounces() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("chromatographie-purification");
        assertThat(content.language()).isEqualTo("fr");
        assertThat(content.level()).isEqualTo(CourseContent.Level.INTERMEDIATE);
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
}
