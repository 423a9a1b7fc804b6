package fr.guichetbio.training.authoring;

import fr.guichetbio.training.authoring.InvalidDraft.Problem;
import java.util.List;
import java.util.regex.Pattern;

/** The field checks the authoring forms share. */
final class Checks {

    /** Codes of courses and keys of lessons: in URLs and stable across versions. */
    static final Pattern KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    static final int MAX_KEY = 64;
    static final int MAX_LINES = 4000;
    /** A lesson is read in one sitting: longer text belongs in two lessons. */
    static final int MAX_MARKDOWN = 100_000;

    private Checks() {}

    /** Adds a problem when the text is blank or longer than {@code max}; returns whether it is fine. */
    static boolean text(List<Problem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(field, "required", List.of()));
            return false;
        }
        if (value.strip().length() > max) {
            problems.add(new Problem(field, "tooLong", List.of(Integer.toString(max))));
            return false;
        }
        return true;
    }

    static boolean key(List<Problem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(field, "required", List.of()));
            return false;
        }
        if (value.length() > MAX_KEY || !KEY.matcher(value).matches()) {
            problems.add(new Problem(field, "key", List.of(Integer.toString(MAX_KEY))));
            return false;
        }
        return true;
    }
}
