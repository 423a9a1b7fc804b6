package fr.guichetbio.portal.organisation;

/** New organisations are public only once an admin approved them. */
public enum OrganisationStatus {
    PENDING,
    ACTIVE,
    REJECTED
}
