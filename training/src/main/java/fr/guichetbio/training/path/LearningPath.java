package fr.guichetbio.training.path;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A learning path: the courses, in order, that prepare for one role, and what the learner will be able to do at its
 * end. English texts are optional: the French ones are shown when missing.
 *
 * @param courseCodes the courses in the order to follow them
 */
public record LearningPath(
        String code,
        BioproductionRole role,
        String titleFr,
        String titleEn,
        String outcomeFr,
        String outcomeEn,
        List<String> courseCodes) {

    public LearningPath {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(titleFr, "titleFr");
        Objects.requireNonNull(outcomeFr, "outcomeFr");
        courseCodes = List.copyOf(courseCodes);
    }

    public String title(Locale locale) {
        return english(locale) && titleEn != null ? titleEn : titleFr;
    }

    public String outcome(Locale locale) {
        return english(locale) && outcomeEn != null ? outcomeEn : outcomeFr;
    }

    /** The first course of the path the learner has not enrolled in; empty when they follow them all. */
    public java.util.Optional<String> nextCourse(java.util.Set<String> enrolled) {
        return courseCodes.stream().filter(code -> !enrolled.contains(code)).findFirst();
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
