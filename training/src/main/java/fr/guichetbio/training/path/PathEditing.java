package fr.guichetbio.training.path;

import fr.guichetbio.training.Learner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing learning paths. A path orders courses of any provider for one role, so it belongs to the platform, not to
 * a provider: platform administrators write them. Every field is checked before anything is written, and each
 * problem is named by its field.
 */
@Service
public class PathEditing {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_TITLE = 200;
    static final int MAX_OUTCOME = 2000;

    private final LearningPaths paths;
    private final JdbcClient jdbc;

    PathEditing(LearningPaths paths, JdbcClient jdbc) {
        this.paths = paths;
        this.jdbc = jdbc;
    }

    /**
     * A path as a form sends it: the courses one code per line.
     *
     * @param role a {@link BioproductionRole} name
     */
    public record Form(
            String code,
            String role,
            String titleFr,
            String titleEn,
            String outcomeFr,
            String outcomeEn,
            String courses) {

        public static Form of(LearningPath path) {
            return new Form(
                    path.code(),
                    path.role().name(),
                    path.titleFr(),
                    blankIfNull(path.titleEn()),
                    path.outcomeFr(),
                    blankIfNull(path.outcomeEn()),
                    String.join("\n", path.courseCodes()));
        }

        private static String blankIfNull(String text) {
            return text == null ? "" : text;
        }
    }

    /** The form's problems: field → message key suffix ({@code required}, {@code code}, {@code course}, …). */
    public static final class Invalid extends RuntimeException {

        private final Map<String, String> problems;

        Invalid(Map<String, String> problems) {
            super(problems.toString());
            this.problems = Map.copyOf(problems);
        }

        public Map<String, String> problems() {
            return problems;
        }
    }

    /**
     * Creates the path or replaces the one of the same code.
     *
     * @throws AccessDeniedException unless the learner is a platform administrator
     * @throws Invalid when a field is missing or wrong (a course that does not exist or is not published included)
     */
    @Transactional
    public LearningPath save(Learner learner, Form form) {
        if (!learner.hasRole(Learner.Role.ADMIN)) {
            throw new AccessDeniedException("Only platform administrators write learning paths");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String code = strip(form.code());
        if (code.isEmpty()) {
            problems.put("code", "required");
        } else if (!CODE.matcher(code).matches() || code.length() > 64) {
            problems.put("code", "code");
        }
        BioproductionRole role = null;
        try {
            role = BioproductionRole.valueOf(strip(form.role()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.put("role", "role");
        }
        text(problems, "titleFr", form.titleFr(), MAX_TITLE, true);
        text(problems, "titleEn", form.titleEn(), MAX_TITLE, false);
        text(problems, "outcomeFr", form.outcomeFr(), MAX_OUTCOME, true);
        text(problems, "outcomeEn", form.outcomeEn(), MAX_OUTCOME, false);
        List<String> courses = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : strip(form.courses()).split("\\R")) {
            String course = line.strip();
            if (!course.isEmpty() && seen.add(course)) {
                courses.add(course);
            }
        }
        if (courses.isEmpty()) {
            problems.put("courses", "required");
        } else if (!published(courses)) {
            problems.put("courses", "course");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        LearningPath path = new LearningPath(
                code,
                role,
                strip(form.titleFr()),
                orNull(form.titleEn()),
                strip(form.outcomeFr()),
                orNull(form.outcomeEn()),
                courses);
        paths.save(path);
        return path;
    }

    /** Whether every code names a course with a published version. */
    private boolean published(List<String> codes) {
        return jdbc.sql("""
                        select count(distinct c.code) from course c
                         where c.code in (:codes)
                           and exists (select 1 from course_version v where v.course_id = c.id and v.status = 'PUBLISHED')
                        """).param("codes", codes).query(Integer.class).single() == codes.size();
    }

    private static void text(Map<String, String> problems, String field, String value, int max, boolean required) {
        String text = strip(value);
        if (required && text.isEmpty()) {
            problems.put(field, "required");
        } else if (text.length() > max) {
            problems.put(field, "tooLong");
        }
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    private static String orNull(String text) {
        String stripped = strip(text);
        return stripped.isEmpty() ? null : stripped;
    }
}
