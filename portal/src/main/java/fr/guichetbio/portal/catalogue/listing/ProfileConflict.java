package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.catalogue.listing.ListingEditor.CatalogueProfile;

/** The organisation was saved by someone else first; {@code current} is what is stored now. */
public final class ProfileConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int currentVersion;
    private final transient CatalogueProfile current;

    ProfileConflict(int currentVersion, CatalogueProfile current) {
        super("The organisation was changed by another save", null, false, false);
        this.currentVersion = currentVersion;
        this.current = current;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public CatalogueProfile current() {
        return current;
    }
}
