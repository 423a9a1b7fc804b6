package fr.guichetbio.catalogue.index;

import java.util.List;

/** Field names of a catalogue site document: the one place they are spelled (see {@code catalogue-index.json}). */
public final class CatalogueFields {

    /** Site name; French full text, synonyms at search time; copied to {@link #SUGGEST}. */
    public static final String NAME = "name";
    /** Name of the organisation running the site; French full text; copied to {@link #SUGGEST}. */
    public static final String ORGANISATION_NAME = "organisationName";
    /** Free description; French full text, synonyms at search time. */
    public static final String DESCRIPTION = "description";
    /** City, exact value (filters, facets). */
    public static final String CITY = "city";
    /** Modality codes of the catalogue contract (e.g. {@code MAB}, {@code AAV}), exact values. */
    public static final String MODALITIES = "modalities";
    /** Autocomplete: edge n-grams of the name and organisation name (filled by {@code copy_to}, may be set too). */
    public static final String SUGGEST = "suggest";

    /** Every mapped field, in mapping order. */
    public static final List<String> ALL = List.of(NAME, ORGANISATION_NAME, DESCRIPTION, CITY, MODALITIES, SUGGEST);

    private CatalogueFields() {}
}
