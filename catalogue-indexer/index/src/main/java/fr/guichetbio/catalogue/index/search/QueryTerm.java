package fr.guichetbio.catalogue.index.search;

import java.util.List;
import java.util.Objects;

/**
 * One meaningful part of a search text, as interpreted: every site in the result set meets every term of the query
 * (unless the search had to drop some, see {@link CatalogueResults#dropped()}). The portal interprets the text (it knows
 * the vocabulary and the places); this library turns each term into one condition on the index.
 */
public sealed interface QueryTerm {

    /** The term as the person typed it (for "results without « … »" and removable tags). */
    String text();

    /** A vocabulary concept: the site carries at least one of {@code codes} in {@code facet}'s field. */
    record Concept(String text, Facet facet, List<String> codes) implements QueryTerm {
        public Concept {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(facet, "facet");
            codes = List.copyOf(codes);
            if (codes.isEmpty()) {
                throw new IllegalArgumentException("A concept needs at least one code");
            }
        }
    }

    /**
     * A commune (named or by postal code): the site is within {@code radiusKm} of its centre, or gives that city as its
     * address (a site without coordinates).
     */
    record Place(String text, String name, double lat, double lon, int radiusKm) implements QueryTerm {
        public Place {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(name, "name");
            new CatalogueQuery.Near(lat, lon, radiusKm); // same bounds as a place chosen in the form
        }
    }

    /** A French department: the site is in France and its postal code starts with its code ("69", "2A" as "20", "971"). */
    record Department(String text, String name, String postalPrefix) implements QueryTerm {
        public Department {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(name, "name");
            if (postalPrefix == null || !postalPrefix.matches("\\d{2,3}")) {
                throw new IllegalArgumentException("A department's postal prefix is 2 or 3 digits");
            }
        }
    }

    /** A volume written ("2000 L"): the site's largest bioreactor holds at least {@code litres}. */
    record MinimumVolume(String text, double litres) implements QueryTerm {
        public MinimumVolume {
            Objects.requireNonNull(text, "text");
            if (!(litres > 0)) {
                throw new IllegalArgumentException("A volume is positive");
            }
        }
    }

    /** "GMP", "BPF": at least one capability of the site runs under GMP. */
    record Gmp(String text) implements QueryTerm {
        public Gmp {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Any other word: it matches the site's names, descriptions, city or labels, as written or with a typo. */
    record Word(String text) implements QueryTerm {
        public Word {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("A word is not blank");
            }
        }
    }
}
