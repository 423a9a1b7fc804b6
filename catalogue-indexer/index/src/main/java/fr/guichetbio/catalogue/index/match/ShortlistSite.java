package fr.guichetbio.catalogue.index.match;

import java.util.List;

/** The stored fields a shortlist shows, read straight from the response; names as {@code CatalogueFields}. */
record ShortlistSite(
        String key,
        String name,
        String organisationName,
        String organisationSlug,
        String city,
        String regionCode,
        String country,
        Point location,
        Double largestVolumeLitres,
        String verification,
        List<String> availabilityQuarters,
        String nextSlotFrom) {

    record Point(double lat, double lon) {}
}
