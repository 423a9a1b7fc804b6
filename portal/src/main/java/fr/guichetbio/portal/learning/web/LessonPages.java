package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.FrozenVersions;
import fr.guichetbio.training.course.LessonRenderer;
import fr.guichetbio.training.course.PublishedCourse;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The HTML of the lessons learners read, rendered once per course version: a published version never changes, and
 * parsing and sanitising a lesson at every view was a tenth of the lesson page's cost (README, Training benchmark).
 */
@Component
class LessonPages {

    private final FrozenVersions<Map<String, String>> rendered = new FrozenVersions<>(256);

    /** @param course a version learners follow (published or since unpublished, never a draft) */
    String html(PublishedCourse course, CourseContent.Lesson lesson) {
        return rendered.get(course.versionId(), id -> Optional.of(render(course)))
                .orElseThrow()
                .get(lesson.key());
    }

    private static Map<String, String> render(PublishedCourse course) {
        String files = TrainingController.filesPath(course.content().code());
        return course.content().lessons().stream()
                .collect(Collectors.toUnmodifiableMap(
                        CourseContent.Lesson::key, lesson -> LessonRenderer.render(lesson.markdown(), files)));
    }
}
