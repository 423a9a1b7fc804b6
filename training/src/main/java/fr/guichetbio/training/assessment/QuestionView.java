package fr.guichetbio.training.assessment;

import java.util.List;

/**
 * A drawn question as a page may show it before submission: no answer, formula, tolerance or explanation.
 *
 * @param items the options or steps in the order drawn for this attempt (answered by position)
 * @param unit the unit of a numeric answer, empty otherwise
 */
public record QuestionView(String key, Kind kind, String prompt, List<String> items, String unit) {

    public enum Kind {
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        NUMBER,
        ORDERING
    }
}
