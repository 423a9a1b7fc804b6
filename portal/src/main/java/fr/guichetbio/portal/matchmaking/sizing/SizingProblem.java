package fr.guichetbio.portal.matchmaking.sizing;

/**
 * An input the calculator refuses: the URL parameter, what is wrong ({@code sizing.error.<kind>} on the pages), the
 * input whose range applies (null for {@code modalite} and the choices) and an English detail for API callers.
 */
public record SizingProblem(String parameter, Kind kind, Input input, String detail) {

    public enum Kind {
        /** Missing while the other fields of the form were sent. */
        REQUIRED,
        /** Not a number. */
        NUMBER,
        /** A fraction where only whole numbers make sense. */
        WHOLE,
        /** Outside the input's range. */
        RANGE,
        /** Not one of the listed choices. */
        CHOICE
    }

    public String messageKey() {
        return "sizing.error." + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
