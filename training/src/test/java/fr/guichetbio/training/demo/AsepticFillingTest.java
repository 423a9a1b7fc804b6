package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichetbio.training.course.CourseContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsepticFillingTest {

    private final DemoCourse course = AsepticFilling.course();

    @Test
    void isTheCourseTheCatalogueAnnounces() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("remplissage-aseptique");
        assertThat(content.language()).isEqualTo("fr");
        assertThat(content.level()).isEqualTo(CourseContent.Level.INTERMEDIATE);
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
}
