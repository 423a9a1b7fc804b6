package fr.guichetbio.catalogue.index.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One page of catalogue search results with the facet counts and, when few sites matched, spelling corrections.
 *
 * @param total how many sites match (all pages)
 * @param facets per facet, its values with the number of sites each would give, counted with the filters of the
 *     other facets applied (so choosing a second value of the same facet widens the results, as the counts say);
 *     empty when the query asked for none
 * @param dropped the terms of the query these results do not meet: empty, unless no site met them all and the search
 *     answered with the fewest terms left out that give results
 * @param corrections free words the catalogue does not hold, each with the catalogue's closest word (only when few
 *     sites matched); in the order typed
 */
public record CatalogueResults(
        long total,
        List<Hit> hits,
        Map<Facet, List<Bucket>> facets,
        List<QueryTerm> dropped,
        Map<String, String> corrections) {

    public CatalogueResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
        dropped = List.copyOf(dropped);
        corrections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(corrections));
    }

    /** Whether these results leave out some terms of the query. */
    public boolean relaxed() {
        return !dropped.isEmpty();
    }

    /**
     * A matching site.
     *
     * @param id the site's database id (the document id)
     * @param largestVolumeLitres 0 when the site has no bioreactor
     * @param verification the best verification level of its GMP evidence
     * @param nextSlotFrom start of its next open slot, or {@code null}
     * @param distanceKm distance from the query's place, or {@code null} without a place or coordinates
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
            List<String> services,
            List<String> stages,
            List<String> expressionSystems,
            List<String> technologies,
            String organisationKind,
            double largestVolumeLitres,
            String verification,
            LocalDate nextSlotFrom,
            Double distanceKm) {

        public Hit {
            modalities = List.copyOf(modalities);
            services = List.copyOf(services);
            stages = List.copyOf(stages);
            expressionSystems = List.copyOf(expressionSystems);
            technologies = List.copyOf(technologies);
        }

        /** The codes the site has in {@code facet} (empty for facets a hit does not carry). */
        public List<String> codes(Facet facet) {
            return switch (facet) {
                case MODALITIES -> modalities;
                case SERVICES -> services;
                case STAGES -> stages;
                case EXPRESSION_SYSTEMS -> expressionSystems;
                case TECHNOLOGIES -> technologies;
                case ORGANISATION_KINDS -> organisationKind == null ? List.of() : List.of(organisationKind);
                case REGIONS -> regionCode == null ? List.of() : List.of(regionCode);
                default -> List.of();
            };
        }
    }

    /** A facet value and the number of sites that have it. */
    public record Bucket(String value, long count) {}
}
