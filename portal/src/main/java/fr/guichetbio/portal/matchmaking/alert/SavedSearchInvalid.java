package fr.guichetbio.portal.matchmaking.alert;

import java.util.Map;

/** A search that cannot be saved: nothing was saved. */
public class SavedSearchInvalid extends RuntimeException {

    /** The key of {@link #problems()} for what concerns no field (the limit per person). */
    public static final String FORM = "form";

    private final Map<String, String> problems;

    /** @param problems per form field ({@code nom}, {@code recherche}) or {@link #FORM}, a message key */
    public SavedSearchInvalid(Map<String, String> problems) {
        super("Saved search refused: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
