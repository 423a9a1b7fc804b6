package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.catalogue.listing.SiteDiff.FieldChange;
import java.util.List;

/** Another save of the site came first; {@code changes} says what it changed (empty when no snapshot is kept). */
public final class ConcurrentEdit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int currentVersion;
    private final transient List<FieldChange> changes;

    ConcurrentEdit(int currentVersion, List<FieldChange> changes) {
        super("The site was changed by another save", null, false, false);
        this.currentVersion = currentVersion;
        this.changes = List.copyOf(changes);
    }

    public int currentVersion() {
        return currentVersion;
    }

    public List<FieldChange> changes() {
        return changes;
    }
}
