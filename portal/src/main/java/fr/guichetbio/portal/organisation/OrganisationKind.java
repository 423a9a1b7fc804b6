package fr.guichetbio.portal.organisation;

/** What an organisation is to the single window. */
public enum OrganisationKind {
    /** CDMO, CMO or a public/academic manufacturing platform: has catalogue listings. */
    MANUFACTURER,
    /** Biotech or pharma company looking for capacity. */
    SPONSOR,
    TRAINING_PROVIDER,
    PUBLIC_AGENCY
}
