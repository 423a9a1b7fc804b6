package fr.guichetbio.catalogue.index.search;

import java.util.List;

/**
 * The stored fields a search result shows, read by the Elasticsearch client straight from the response into this
 * record: one pass over the bytes, where a generic JSON tree was buffered, then copied into a second tree (measured on
 * the search benchmark: a few per cent of the portal's time a request). The component names are the {@link
 * fr.guichetbio.catalogue.index.CatalogueFields} names that {@link CatalogueSearch} asks for (checked by a test);
 * fields a document lacks are {@code null}.
 */
record StoredSite(
        String key,
        String name,
        String organisationName,
        String organisationSlug,
        String organisationKind,
        String city,
        String regionCode,
        String country,
        Point location,
        List<String> modalities,
        List<String> services,
        List<String> stages,
        List<String> expressionSystems,
        List<String> technologies,
        Double largestVolumeLitres,
        String verification,
        String nextSlotFrom) {

    /** A geo_point as the indexer writes it. */
    record Point(double lat, double lon) {}

    static final StoredSite EMPTY = new StoredSite(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
