package fr.guichetbio.catalogue.index;

import java.util.List;

/**
 * Field names of a catalogue site document: the one place they are spelled (see {@code catalogue-index.json} and
 * {@link SiteDocument}, whose JSON properties are these names). One document per site; its id is the site's database
 * id and its Elasticsearch version the site's version (external versioning: an older version never overwrites a newer).
 */
public final class CatalogueFields {

    /** Site key of the catalogue contract (readable, in URLs); exact value. */
    public static final String KEY = "key";
    /** Site name; French full text, synonyms at search time; copied to {@link #SUGGEST} and {@link #SPELLING}. */
    public static final String NAME = "name";
    /** Name of the organisation running the site; French full text; copied to {@link #SUGGEST}. */
    public static final String ORGANISATION_NAME = "organisationName";
    /** Organisation slug (its page URL); exact value. */
    public static final String ORGANISATION_SLUG = "organisationSlug";
    /** Catalogue kind of the organisation (CDMO, CMO, ACADEMIC_PLATFORM…); exact value, facet. */
    public static final String ORGANISATION_KIND = "organisationKind";
    /** Organisation and capability descriptions and notes, French and English; full text. */
    public static final String DESCRIPTION = "description";
    /** Labels (FR and EN) of every code of the site (modalities, services, stages, systems): full text. */
    public static final String VOCABULARY = "vocabulary";
    /** City; exact value, with a full-text sub-field {@code city.text}; copied to {@link #SUGGEST}. */
    public static final String CITY = "city";

    public static final String POSTAL_CODE = "postalCode";
    /** INSEE region code (two digits) for French sites; exact value, facet. */
    public static final String REGION = "regionCode";
    /** ISO country code; exact value. */
    public static final String COUNTRY = "country";
    /** geo_point, absent when the site gave no coordinates. */
    public static final String LOCATION = "location";
    /** Modality codes of the catalogue contract (e.g. {@code MAB}, {@code AAV}); exact values, facet. */
    public static final String MODALITIES = "modalities";

    public static final String SERVICES = "services";
    public static final String STAGES = "stages";
    public static final String EXPRESSION_SYSTEMS = "expressionSystems";
    /** Production technology codes (e.g. {@code CONTINUOUS_UPSTREAM}); exact values, facet. */
    public static final String TECHNOLOGIES = "technologies";
    /** Whether at least one capability runs under GMP. */
    public static final String GMP = "gmp";
    /** Largest bioreactor working volume in litres (0 when none); sort. */
    public static final String LARGEST_VOLUME = "largestVolumeLitres";
    /** Scale bands of the site's bioreactors (vocabulary: UP_TO_50, 50_500, 500_2000, 2000_10000, OVER_10000). */
    public static final String SCALE_BANDS = "scaleBands";
    /** The best verification level of the site's GMP evidence (SELF_DECLARED when none is better); facet. */
    public static final String VERIFICATION = "verification";
    /** Quarters with an open slot, e.g. {@code 2027-Q1}; facet. */
    public static final String AVAILABILITY_QUARTERS = "availabilityQuarters";
    /** Start of the next open slot (ISO date), absent when none; sort. */
    public static final String NEXT_SLOT = "nextSlotFrom";
    /** Autocomplete: edge n-grams of names, organisation and city (filled by {@code copy_to}). */
    public static final String SUGGEST = "suggest";
    /**
     * Spelling suggestions: the words of names, organisation, city and vocabulary labels as written (lowercase, no
     * stemming, accents kept), filled by {@code copy_to}, so that a correction reads as a word, accents included.
     */
    public static final String SPELLING = "spelling";
    /**
     * Typo tolerance: the words of every full-text field in one field (French analysis, no synonyms), filled by
     * {@code copy_to}, so that a fuzzy word is expanded once rather than once per field.
     */
    public static final String TYPOS = "typos";

    /** Every mapped field, in mapping order. */
    public static final List<String> ALL = List.of(
            KEY,
            NAME,
            ORGANISATION_NAME,
            ORGANISATION_SLUG,
            ORGANISATION_KIND,
            DESCRIPTION,
            VOCABULARY,
            CITY,
            POSTAL_CODE,
            REGION,
            COUNTRY,
            LOCATION,
            MODALITIES,
            SERVICES,
            STAGES,
            EXPRESSION_SYSTEMS,
            TECHNOLOGIES,
            GMP,
            LARGEST_VOLUME,
            SCALE_BANDS,
            VERIFICATION,
            AVAILABILITY_QUARTERS,
            NEXT_SLOT,
            SUGGEST,
            SPELLING,
            TYPOS);

    private CatalogueFields() {}
}
