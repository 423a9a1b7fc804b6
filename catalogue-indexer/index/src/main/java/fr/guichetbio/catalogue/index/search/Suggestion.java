package fr.guichetbio.catalogue.index.search;

/**
 * An autocomplete proposal.
 *
 * @param text what to show and, once chosen, to search
 * @param target the site key, organisation slug, city name or modality code it stands for
 */
public record Suggestion(Kind kind, String text, String target) {

    /** What the proposal names. */
    public enum Kind {
        SITE,
        ORGANISATION,
        CITY,
        MODALITY
    }
}
