package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.training.path.BioproductionRole;
import fr.guichetbio.training.path.LearningPath;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DemoCoursesTest {

    private final List<DemoCourse> courses = DemoCourses.all();

    @Test
    void sixCoursesOfWhichTwoInEnglishEachWithItsOwnCode() {
        assertThat(courses).hasSizeGreaterThanOrEqualTo(6);
        assertThat(courses.stream().map(c -> c.content().code()).distinct()).hasSameSizeAs(courses);
        assertThat(courses.stream().filter(c -> c.content().language().equals("en")))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyRoleHasAPathOfDemoCoursesThatSaysWhatTheLearnerWillDo() {
        List<String> codes = courses.stream().map(c -> c.content().code()).toList();
        List<LearningPath> paths = DemoCourses.paths();
        assertThat(paths.stream().map(LearningPath::role)).containsExactlyInAnyOrder(BioproductionRole.values());
        for (LearningPath path : paths) {
            assertThat(codes).as(path.code()).containsAll(path.courseCodes());
            assertThat(path.courseCodes())
                    .as(path.code())
                    .doesNotHaveDuplicates()
                    .isNotEmpty();
            assertThat(path.outcome(Locale.ENGLISH)).isNotEqualTo(path.outcome(Locale.FRENCH));
        }
        // Every course is in at least one path.
        assertThat(paths.stream().flatMap(path -> path.courseCodes().stream()).distinct())
                .containsExactlyInAnyOrderElementsOf(codes);
    }
}
