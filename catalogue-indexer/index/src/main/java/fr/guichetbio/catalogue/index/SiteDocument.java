package fr.guichetbio.catalogue.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A public catalogue site as indexed: what search needs to match, filter, facet, sort and show a result, derived from
 * PostgreSQL (the truth) by the portal. {@link #source()} is the JSON source, keyed by {@link CatalogueFields}.
 *
 * @param id the site's database id: the document id
 * @param version the site's version: the document's external version
 * @param location coordinates, or {@code null}
 * @param nextSlotFrom ISO date of the next open slot, or {@code null}
 */
public record SiteDocument(
        long id,
        long version,
        String key,
        String name,
        String organisationName,
        String organisationSlug,
        String organisationKind,
        List<String> description,
        List<String> vocabulary,
        String city,
        String postalCode,
        String regionCode,
        String country,
        GeoPoint location,
        List<String> modalities,
        List<String> services,
        List<String> stages,
        List<String> expressionSystems,
        List<String> technologies,
        boolean gmp,
        double largestVolumeLitres,
        List<String> scaleBands,
        String verification,
        List<String> availabilityQuarters,
        String nextSlotFrom) {

    /** A geo_point as {@code {"lat":…,"lon":…}}. */
    public record GeoPoint(double lat, double lon) {}

    /** The document's source as indexed: field names from {@link CatalogueFields}, absent values left out. */
    public Map<String, Object> source() {
        Map<String, Object> source = new LinkedHashMap<>();
        put(source, CatalogueFields.KEY, key);
        put(source, CatalogueFields.NAME, name);
        put(source, CatalogueFields.ORGANISATION_NAME, organisationName);
        put(source, CatalogueFields.ORGANISATION_SLUG, organisationSlug);
        put(source, CatalogueFields.ORGANISATION_KIND, organisationKind);
        put(source, CatalogueFields.DESCRIPTION, description);
        put(source, CatalogueFields.VOCABULARY, vocabulary);
        put(source, CatalogueFields.CITY, city);
        put(source, CatalogueFields.POSTAL_CODE, postalCode);
        put(source, CatalogueFields.REGION, regionCode);
        put(source, CatalogueFields.COUNTRY, country);
        put(
                source,
                CatalogueFields.LOCATION,
                location == null ? null : Map.of("lat", location.lat(), "lon", location.lon()));
        put(source, CatalogueFields.MODALITIES, modalities);
        put(source, CatalogueFields.SERVICES, services);
        put(source, CatalogueFields.STAGES, stages);
        put(source, CatalogueFields.EXPRESSION_SYSTEMS, expressionSystems);
        put(source, CatalogueFields.TECHNOLOGIES, technologies);
        put(source, CatalogueFields.GMP, gmp);
        put(source, CatalogueFields.LARGEST_VOLUME, largestVolumeLitres);
        put(source, CatalogueFields.SCALE_BANDS, scaleBands);
        put(source, CatalogueFields.VERIFICATION, verification);
        put(source, CatalogueFields.AVAILABILITY_QUARTERS, availabilityQuarters);
        put(source, CatalogueFields.NEXT_SLOT, nextSlotFrom);
        return source;
    }

    private static void put(Map<String, Object> source, String field, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            source.put(field, value);
        }
    }

    /** The scale bands of the vocabulary, smallest first (≤ 50 L, 50–500, 500–2 000, 2 000–10 000, > 10 000). */
    public static final List<String> SCALE_BANDS =
            List.of("UP_TO_50", "50_500", "500_2000", "2000_10000", "OVER_10000");

    /** The largest working volume (litres) of each band but the last, which has no upper bound. */
    private static final double[] BAND_UPPER_LITRES = {50, 500, 2000, 10000};

    /** The scale band of a working volume. */
    public static String scaleBand(double litres) {
        for (int band = 0; band < BAND_UPPER_LITRES.length; band++) {
            if (litres <= BAND_UPPER_LITRES[band]) {
                return SCALE_BANDS.get(band);
            }
        }
        return SCALE_BANDS.getLast();
    }
}
