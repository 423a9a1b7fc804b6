package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.listing.Catalogues.SiteRef;
import fr.guichetbio.portal.catalogue.listing.SiteDiff.FieldChange;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The common steps of a listing editor's save, in the caller's transaction: lock the site, check the person's right
 * on its organisation and the version they read ({@link ConcurrentEdit} with what changed since, otherwise), write,
 * then bump the version, keep the snapshot, queue the outbox row and audit.
 */
@Component
class SiteEdits {

    private final JdbcClient jdbc;
    private final Catalogues catalogues;
    private final SiteWriter sites;
    private final SiteRevisions revisions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final OrganisationAccess access;
    private final JsonMapper json;

    SiteEdits(
            JdbcClient jdbc,
            Catalogues catalogues,
            SiteWriter sites,
            SiteRevisions revisions,
            Outbox outbox,
            AuditTrail audit,
            OrganisationAccess access,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.catalogues = catalogues;
        this.sites = sites;
        this.revisions = revisions;
        this.outbox = outbox;
        this.audit = audit;
        this.access = access;
        this.json = json;
    }

    enum Part {
        CAPABILITIES,
        AVAILABILITY,
        EVIDENCE
    }

    /** A changed site and what the audit entry shows of the change. */
    record Edited(Site site, Object before, Object after) {}

    /**
     * An edit of one of the site's lists; {@code change} edits the list in place and answers the index of the new or
     * changed item, or -1 for a removal.
     */
    int editList(
            PortalUser user,
            long siteId,
            int expectedVersion,
            String action,
            Part part,
            java.util.function.ToIntFunction<List<Object>> change) {
        return edit(user, siteId, expectedVersion, action, site -> {
            List<Object> original = listOf(site, part);
            List<Object> list = new ArrayList<>(original);
            int index = change.applyAsInt(list);
            Object before = index >= 0 && index < original.size() ? original.get(index) : null;
            if (index < 0) {
                before = original.stream()
                        .filter(item -> !list.contains(item))
                        .findFirst()
                        .orElse(null);
            }
            return new Edited(withList(site, part, list), before, index >= 0 ? list.get(index) : null);
        });
    }

    int edit(
            PortalUser user,
            long siteId,
            int expectedVersion,
            String action,
            java.util.function.Function<Site, Edited> change) {
        Locked locked = lock(user, siteId, expectedVersion);
        Edited edited = change.apply(locked.site());
        int version = sites.updateMemberSite(siteId, locked.ref().organisationId(), edited.site(), user.personId());
        revisions.record(siteId, version, edited.site(), user.personId());
        outbox.enqueue(Outbox.Aggregate.SITE, siteId, version);
        audit.record(AuditEvent.byPerson(
                user.personId(),
                locked.ref().organisationId(),
                action,
                "site",
                siteId,
                edited.before(),
                edited.after()));
        return version;
    }

    record Locked(SiteRef ref, Site site) {}

    /** Locks the site, checks the person's right on its organisation, then the version they read. */
    Locked lock(PortalUser user, long siteId, int expectedVersion) {
        return atVersion(lockEditable(user, siteId), expectedVersion);
    }

    SiteRef lockEditable(PortalUser user, long siteId) {
        SiteRef ref = catalogues.lockSite(siteId).orElseThrow(ListingNotFound::new);
        access.requireEdit(user, ref.organisationId());
        return ref;
    }

    Locked atVersion(SiteRef ref, int expectedVersion) {
        Site current = catalogues.site(ref.id()).orElseThrow(ListingNotFound::new);
        if (ref.version() != expectedVersion) {
            List<FieldChange> changes = revisions
                    .find(ref.id(), expectedVersion)
                    .map(then -> SiteDiff.between(then, current, json))
                    .orElse(List.of());
            throw new ConcurrentEdit(ref.version(), changes);
        }
        return new Locked(ref, current);
    }

    /** After a change made in place: bump the version, keep the snapshot, tell the indexer, audit. */
    int touched(Locked locked, PortalUser user, String action, Object before, Object after) {
        long siteId = locked.ref().id();
        int version = catalogues.touchSite(siteId, null).orElseThrow(ListingNotFound::new);
        Site site = catalogues.site(siteId).orElseThrow(ListingNotFound::new);
        revisions.record(siteId, version, site, user.personId());
        outbox.enqueue(Outbox.Aggregate.SITE, siteId, version);
        audit.record(AuditEvent.byPerson(
                user.personId(), locked.ref().organisationId(), action, "site", siteId, before, after));
        return version;
    }

    record LockedEvidence(Locked locked, int position) {}

    /**
     * Locks the site for a change to one of its pieces of evidence. Evidence of another site is not found (404) before
     * the version is compared: whether an id exists elsewhere is none of the editor's business.
     */
    LockedEvidence lockEvidence(PortalUser user, long siteId, int expectedVersion, long evidenceId) {
        SiteRef ref = lockEditable(user, siteId);
        Integer position = jdbc.sql("select position from gmp_evidence where id = :id and site_id = :site")
                .param("id", evidenceId)
                .param("site", ref.id())
                .query(Integer.class)
                .optional()
                .orElseThrow(ListingNotFound::new);
        Locked locked = atVersion(ref, expectedVersion);
        // Positions are 0..n-1 in order; the snapshot's list is read in the same order.
        if (locked.site().gmpEvidence() == null
                || position >= locked.site().gmpEvidence().size()) {
            throw new ListingNotFound();
        }
        return new LockedEvidence(locked, position);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Site site, Part part) {
        List<?> list = switch (part) {
            case CAPABILITIES -> site.capabilities();
            case AVAILABILITY -> site.availability();
            case EVIDENCE -> site.gmpEvidence();
        };
        return list == null ? List.of() : (List<Object>) list;
    }

    @SuppressWarnings("unchecked")
    private static Site withList(Site site, Part part, List<Object> list) {
        return site.withLists(
                part == Part.EVIDENCE ? (List<Evidence>) (List<?>) list : site.gmpEvidence(),
                part == Part.CAPABILITIES ? (List<Capability>) (List<?>) list : site.capabilities(),
                part == Part.AVAILABILITY ? (List<Availability>) (List<?>) list : site.availability());
    }
}
