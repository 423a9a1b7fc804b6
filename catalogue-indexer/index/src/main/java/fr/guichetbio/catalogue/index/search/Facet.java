package fr.guichetbio.catalogue.index.search;

import fr.guichetbio.catalogue.index.CatalogueFields;

/**
 * The facets of catalogue search: each filters one exact-value field of the site document and counts its values.
 * Several values of one facet are alternatives (OR); facets combine with AND.
 */
public enum Facet {
    MODALITIES(CatalogueFields.MODALITIES),
    SERVICES(CatalogueFields.SERVICES),
    STAGES(CatalogueFields.STAGES),
    EXPRESSION_SYSTEMS(CatalogueFields.EXPRESSION_SYSTEMS),
    TECHNOLOGIES(CatalogueFields.TECHNOLOGIES),
    SCALE_BANDS(CatalogueFields.SCALE_BANDS),
    VERIFICATION(CatalogueFields.VERIFICATION),
    REGIONS(CatalogueFields.REGION),
    ORGANISATION_KINDS(CatalogueFields.ORGANISATION_KIND),
    AVAILABILITY_QUARTERS(CatalogueFields.AVAILABILITY_QUARTERS);

    private final String field;

    Facet(String field) {
        this.field = field;
    }

    /** The document field it filters and counts (from {@link CatalogueFields}). */
    public String field() {
        return field;
    }
}
