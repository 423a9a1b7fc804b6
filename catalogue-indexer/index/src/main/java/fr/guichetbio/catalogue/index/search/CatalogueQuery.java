package fr.guichetbio.catalogue.index.search;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a person or API client searches for: the interpreted search text, facet filters, an optional place with a
 * radius, a sort order and a page. Immutable; the compact constructor rejects what Elasticsearch could not answer
 * sensibly.
 *
 * @param terms the meaningful parts of the search text, each a condition every result meets (none: every site)
 * @param filters per facet, the accepted values (OR within a facet, AND between facets); absent facet = no filter
 * @param near sites within a radius of a point, or {@code null}
 * @param page zero-based page number
 * @param size hits per page, 1 to {@value #MAX_SIZE}
 * @param facets whether facet counts are wanted (an API caller may skip them: they are most of a request's cost)
 */
public record CatalogueQuery(
        List<QueryTerm> terms,
        Map<Facet, List<String>> filters,
        Near near,
        Sort sort,
        int page,
        int size,
        boolean facets) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    /** Elasticsearch's default {@code index.max_result_window}: from + size may not go beyond. */
    public static final int MAX_WINDOW = 10_000;

    /** Sort orders; {@link #DISTANCE} needs {@link #near}. */
    public enum Sort {
        RELEVANCE,
        DISTANCE,
        VOLUME,
        AVAILABILITY
    }

    /** A point and a radius in kilometres. */
    public record Near(double lat, double lon, int radiusKm) {
        public Near {
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                throw new IllegalArgumentException("Coordinates out of range");
            }
            if (radiusKm < 1 || radiusKm > 1000) {
                throw new IllegalArgumentException("The radius must be between 1 and 1000 km");
            }
        }
    }

    public CatalogueQuery {
        terms = terms == null ? List.of() : List.copyOf(terms);
        Map<Facet, List<String>> copy = new EnumMap<>(Facet.class);
        if (filters != null) {
            filters.forEach((facet, values) -> {
                List<String> kept = values == null
                        ? List.of()
                        : values.stream()
                                .filter(Objects::nonNull)
                                .map(String::strip)
                                .filter(v -> !v.isEmpty())
                                .distinct()
                                .toList();
                if (!kept.isEmpty()) {
                    copy.put(Objects.requireNonNull(facet, "facet"), kept);
                }
            });
        }
        filters = java.util.Collections.unmodifiableMap(copy);
        sort = sort == null ? Sort.RELEVANCE : sort;
        if (sort == Sort.DISTANCE && near == null) {
            throw new IllegalArgumentException("Sorting by distance needs a place");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("The page size must be between 1 and " + MAX_SIZE);
        }
        if (page < 0 || (long) (page + 1) * size > MAX_WINDOW) {
            throw new IllegalArgumentException("The page must be between 0 and " + (MAX_WINDOW / size - 1));
        }
    }

    /** Sites meeting every term, first page, by relevance, with facets. */
    public static CatalogueQuery of(QueryTerm... terms) {
        return new CatalogueQuery(List.of(terms), Map.of(), null, Sort.RELEVANCE, 0, DEFAULT_SIZE, true);
    }

    /** The values accepted for a facet (empty when it does not filter). */
    public List<String> values(Facet facet) {
        return filters.getOrDefault(facet, List.of());
    }

    /** This query with the filter of {@code facet} replaced by {@code values} (empty list: removed). */
    public CatalogueQuery withFilter(Facet facet, List<String> values) {
        Map<Facet, List<String>> copy = new EnumMap<>(Facet.class);
        copy.putAll(filters);
        copy.put(facet, values);
        return new CatalogueQuery(terms, copy, near, sort, page, size, facets);
    }

    /** This query with other terms (the rest unchanged). */
    public CatalogueQuery withTerms(List<QueryTerm> newTerms) {
        return new CatalogueQuery(newTerms, filters, near, sort, page, size, facets);
    }

    /** The free words of the terms, in order: what a spelling suggestion may correct. */
    public List<String> words() {
        return terms.stream()
                .filter(QueryTerm.Word.class::isInstance)
                .map(QueryTerm::text)
                .toList();
    }
}
