package fr.guichetbio.training.authoring;

import fr.guichetbio.training.assessment.Quiz;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A course's draft version as its instructors edit it: unlike a published {@code CourseContent}, a module may still
 * be empty and the quiz missing (publishing checks they are not).
 *
 * @param published the latest published version ("1.2"), {@code null} before the first
 * @param quiz {@code null} until the instructor saves a question bank
 */
public record Draft(
        String code,
        long providerId,
        int major,
        int minor,
        String published,
        Description description,
        List<Module> modules,
        Quiz quiz) {

    public Draft {
        modules = List.copyOf(modules);
    }

    /** A module, named by its position (1, 2, …) in the draft. */
    public record Module(int position, String title, List<Lesson> lessons) {
        public Module {
            lessons = List.copyOf(lessons);
        }
    }

    /** A lesson, named by its key (stable across versions: questions and progress refer to it). */
    /** @param videoUrl a video elsewhere (https), or {@code null} */
    public record Lesson(int position, String key, String title, String markdown, String videoUrl) {}

    public String version() {
        return major + "." + minor;
    }

    /** A major version (x.0) will require certificates to be renewed (issue 17); a minor one will not. */
    public boolean majorVersion() {
        return minor == 0;
    }

    public Set<String> lessonKeys() {
        return modules.stream()
                .flatMap(module -> module.lessons().stream())
                .map(Lesson::key)
                .collect(Collectors.toSet());
    }

    public List<Lesson> lessons() {
        return modules.stream().flatMap(module -> module.lessons().stream()).toList();
    }
}
