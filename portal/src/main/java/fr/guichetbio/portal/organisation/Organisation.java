package fr.guichetbio.portal.organisation;

/** An organisation as stored; {@code version} guards against lost updates. */
public record Organisation(
        long id,
        String slug,
        String name,
        OrganisationKind kind,
        String website,
        String description,
        OrganisationStatus status,
        int version) {}
