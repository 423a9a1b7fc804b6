package fr.guichetbio.training.course;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one version of a course holds (the {@code course_version}, {@code course_module} and {@code lesson} rows):
 * its description for the catalogue and its modules of Markdown lessons. The owning provider and the version number
 * belong to the course and its version rows, not to the content.
 *
 * @param code the course's code, used in URLs
 * @param language {@code fr} or {@code en}
 * @param outcomes what the learner will be able to do, one sentence each
 */
public record CourseContent(
        String code,
        String language,
        Level level,
        String title,
        String summary,
        int durationMinutes,
        List<String> prerequisites,
        List<String> outcomes,
        List<Module> modules) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public CourseContent {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("course code must be lower-case words joined by '-': " + code);
        }
        if (!Set.of("fr", "en").contains(language)) {
            throw new IllegalArgumentException("language must be fr or en: " + language);
        }
        Objects.requireNonNull(level, "level");
        if (durationMinutes <= 0) {
            throw new IllegalArgumentException("duration must be positive");
        }
        prerequisites = List.copyOf(prerequisites);
        outcomes = List.copyOf(outcomes);
        modules = List.copyOf(modules);
        Set<String> keys = new HashSet<>();
        for (Module module : modules) {
            for (Lesson lesson : module.lessons()) {
                if (!keys.add(lesson.key())) {
                    throw new IllegalArgumentException("lesson key used twice: " + lesson.key());
                }
            }
        }
    }

    public enum Level {
        INTRODUCTORY,
        INTERMEDIATE,
        ADVANCED
    }

    public record Module(String title, List<Lesson> lessons) {
        public Module {
            lessons = List.copyOf(lessons);
            if (lessons.isEmpty()) {
                throw new IllegalArgumentException("module " + title + " has no lesson");
            }
        }
    }

    /**
     * A lesson: its key stays the same across versions (questions and progress name it), its text is Markdown.
     *
     * @param videoUrl a video elsewhere (https), shown as a link; {@code null} for none
     */
    public record Lesson(String key, String title, String markdown, String videoUrl) {

        public Lesson(String key, String title, String markdown) {
            this(key, title, markdown, null);
        }

        public Lesson {
            if (key == null || !CODE.matcher(key).matches()) {
                throw new IllegalArgumentException("lesson key must be lower-case words joined by '-': " + key);
            }
            if (title == null || title.isBlank() || markdown == null || markdown.isBlank()) {
                throw new IllegalArgumentException("lesson " + key + " needs a title and a text");
            }
            if (videoUrl != null && !isHttps(videoUrl)) {
                throw new IllegalArgumentException("lesson " + key + ": the video link must be an https address");
            }
        }
    }

    /** Whether the text is an absolute https address with a host (no user info). */
    public static boolean isHttps(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return "https".equals(uri.getScheme())
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && url.length() <= 500;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    public List<Lesson> lessons() {
        return modules.stream().flatMap(module -> module.lessons().stream()).toList();
    }

    public Optional<Lesson> lesson(String key) {
        return lessons().stream().filter(lesson -> lesson.key().equals(key)).findFirst();
    }
}
