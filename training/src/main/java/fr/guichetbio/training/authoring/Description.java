package fr.guichetbio.training.authoring;

import fr.guichetbio.training.authoring.InvalidDraft.Problem;
import fr.guichetbio.training.course.CourseContent.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A course version's description as the instructor's form holds it (text fields; prerequisites and outcomes one per
 * line), checked here so that every page and test gets the same field errors.
 *
 * @param durationMinutes the estimated time, in minutes
 * @param validityMonths how long a certificate of the version is valid, in months (e.g. 24 for GMP training)
 */
public record Description(
        String language,
        String level,
        String title,
        String summary,
        String durationMinutes,
        String prerequisites,
        String outcomes,
        String validityMonths) {

    static final int MAX_TITLE = 200;
    static final int MAX_SUMMARY = 2000;
    static final int MAX_MINUTES = 100_000;
    static final int MAX_VALIDITY_MONTHS = 120;

    /** The description checked and typed. */
    record Valid(
            String language,
            Level level,
            String title,
            String summary,
            int durationMinutes,
            List<String> prerequisites,
            List<String> outcomes,
            int validityMonths) {}

    /**
     * The typed description.
     *
     * @throws InvalidDraft naming each bad field
     */
    Valid validate() {
        List<Problem> problems = new ArrayList<>();
        if (language == null || !Set.of("fr", "en").contains(language)) {
            problems.add(new Problem("language", "language", List.of()));
        }
        Level typedLevel = null;
        try {
            typedLevel = Level.valueOf(String.valueOf(level));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("level", "level", List.of()));
        }
        Checks.text(problems, "title", title, MAX_TITLE);
        Checks.text(problems, "summary", summary, MAX_SUMMARY);
        int minutes = whole(durationMinutes);
        if (minutes <= 0 || minutes > MAX_MINUTES) {
            problems.add(new Problem("durationMinutes", "duration", List.of(Integer.toString(MAX_MINUTES))));
        }
        int months = whole(validityMonths);
        if (months <= 0 || months > MAX_VALIDITY_MONTHS) {
            problems.add(new Problem("validityMonths", "validity", List.of(Integer.toString(MAX_VALIDITY_MONTHS))));
        }
        List<String> outcomeLines = lines(outcomes);
        if (outcomeLines.isEmpty()) {
            problems.add(new Problem("outcomes", "required", List.of()));
        }
        List<String> prerequisiteLines = lines(prerequisites);
        if (String.join("\n", outcomeLines).length() > Checks.MAX_LINES) {
            problems.add(new Problem("outcomes", "tooLong", List.of(Integer.toString(Checks.MAX_LINES))));
        }
        if (String.join("\n", prerequisiteLines).length() > Checks.MAX_LINES) {
            problems.add(new Problem("prerequisites", "tooLong", List.of(Integer.toString(Checks.MAX_LINES))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        return new Valid(
                language, typedLevel, title.strip(), summary.strip(), minutes, prerequisiteLines, outcomeLines, months);
    }

    static Description of(Valid valid) {
        return new Description(
                valid.language(),
                valid.level().name(),
                valid.title(),
                valid.summary(),
                Integer.toString(valid.durationMinutes()),
                String.join("\n", valid.prerequisites()),
                String.join("\n", valid.outcomes()),
                Integer.toString(valid.validityMonths()));
    }

    /** The field's whole number; 0 (refused by every check) when it is not one. */
    private static int whole(String field) {
        try {
            return Integer.parseInt(String.valueOf(field).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> lines(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("\\R"))
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList();
    }
}
