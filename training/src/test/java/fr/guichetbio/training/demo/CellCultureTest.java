package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CellCultureTest {

    private final DemoCourse course = CellCulture.course();

    @Test
    void theLessonsWorkedExamplesMatchTheFormulas() {
        assertThat(DemoCourseChecks.formula(course, "volume-ensemencement")
                        .evaluate(Map.of("vf", 200.0, "xt", 0.5, "xs", 4.0)))
                .isCloseTo(25, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "ivcd-trapeze").evaluate(Map.of("x1", 4.0, "x2", 6.0, "dt", 1.0)))
                .isCloseTo(5, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "productivite-specifique")
                        .evaluate(Map.of("titre", 3.0, "ivcd", 100.0)))
                .isCloseTo(30, within(1e-9));
        assertThat(DemoCourseChecks.formula(course, "volume-feed")
                        .evaluate(Map.of("p", 3.0, "v0", 1000.0, "jours", 8.0)))
                .isCloseTo(240, within(1e-9));
        String lesson = course.content().lesson("calculs-culture").orElseThrow().markdown();
        assertThat(lesson).contains("**25 L**", "**5 × 10⁶ cellules·jour/mL**", "**30 pg/cellule/jour**", "**240 L**");
    }
}
