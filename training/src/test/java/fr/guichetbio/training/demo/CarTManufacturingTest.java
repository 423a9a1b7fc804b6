package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.guichetbio.training.course.CourseContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarTManufacturingTest {

    private final DemoCourse course = CarTManufacturing.course();

    @Test
    void isTheCourseTheCatalogueAnnounces() {
        CourseContent content = course.content();
        assertThat(content.code()).isEqualTo("car-t-manufacturing");
        assertThat(content.language()).isEqualTo("en");
        assertThat(content.level()).isEqualTo(CourseContent.Level.ADVANCED);
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
}
