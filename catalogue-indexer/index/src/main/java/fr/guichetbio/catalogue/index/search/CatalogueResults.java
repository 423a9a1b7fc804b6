package fr.guichetbio.catalogue.index.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One page of catalogue search results with the facet counts and, when few sites matched, a spelling suggestion.
 *
 * @param total how many sites match (all pages)
 * @param facets per facet, its values with the number of sites each would give, counted with the filters of the
 *     other facets applied (so choosing a second value of the same facet widens the results, as the counts say)
 * @param suggestion a corrected search text, or {@code null}
 */
public record CatalogueResults(long total, List<Hit> hits, Map<Facet, List<Bucket>> facets, String suggestion) {

    public CatalogueResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }

    /**
     * A matching site.
     *
     * @param id the site's database id (the document id)
     * @param largestVolumeLitres 0 when the site has no bioreactor
     * @param verification the best verification level of its GMP evidence
     * @param nextSlotFrom start of its next open slot, or {@code null}
     * @param distanceKm distance from the query's place, or {@code null} without a place or coordinates
     * @param highlights the matched passages (labels of the vocabulary the words found), each as segments
     */
    public record Hit(
            long id,
            String key,
            String name,
            String organisationName,
            String organisationSlug,
            String city,
            String regionCode,
            String country,
            List<String> modalities,
            double largestVolumeLitres,
            String verification,
            LocalDate nextSlotFrom,
            Double distanceKm,
            List<List<Segment>> highlights) {

        public Hit {
            modalities = List.copyOf(modalities);
            highlights = highlights.stream().map(List::copyOf).toList();
        }
    }

    /**
     * Plain text, matched ({@code highlighted}) or not. Never HTML: the page escapes the text and wraps the matched
     * segments in {@code <mark>} itself.
     */
    public record Segment(String text, boolean highlighted) {}

    /** A facet value and the number of sites that have it. */
    public record Bucket(String value, long count) {}
}
