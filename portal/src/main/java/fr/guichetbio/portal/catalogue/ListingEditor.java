package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.Catalogues.SiteRef;
import fr.guichetbio.portal.catalogue.EvidenceReviews.Review;
import fr.guichetbio.portal.catalogue.SiteDiff.FieldChange;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.OrganisationNotFound;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.organisation.Slugs;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Self-service editing of a site's listing by the members of its organisation (and platform admins): the site's
 * details, capabilities with their bioreactors, open slots, GMP evidence and their certificates.
 *
 * <p>The site is the unit of optimistic locking: every form carries the version it was read at, and a save is refused
 * with {@link ConcurrentEdit} — listing what changed since, from the kept snapshots — when another save came first.
 * The site row is locked for the length of a save, so two saves of the same version cannot both pass the check.
 *
 * <p>Every save bumps the version, keeps a snapshot, writes an outbox row for the search index and an audit entry on
 * the organisation, in one transaction. A member's change to a piece of evidence drops it back to self-declared and
 * into the moderation queue ({@link EvidenceReviews#editedByMember}); nobody raises a level here.
 */
@Service
public class ListingEditor {

    /** A site as its editor shows it. */
    public record Listing(
            long id,
            String key,
            int version,
            Site content,
            List<EvidenceItem> evidence,
            Review review,
            String reviewComment) {}

    /** A piece of evidence with its review and its certificate, if any. */
    public record EvidenceItem(
            long id, Evidence content, Review review, String reviewComment, EvidenceDocuments.Document certificate) {}

    private final JdbcClient jdbc;
    private final Catalogues catalogues;
    private final SiteRevisions revisions;
    private final EvidenceReviews reviews;
    private final EvidenceDocuments documents;
    private final AuditTrail audit;
    private final OrganisationAccess access;
    private final Organisations organisations;
    private final JsonMapper json;

    ListingEditor(
            JdbcClient jdbc,
            Catalogues catalogues,
            SiteRevisions revisions,
            EvidenceReviews reviews,
            EvidenceDocuments documents,
            AuditTrail audit,
            OrganisationAccess access,
            Organisations organisations,
            JsonMapper json) {
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.catalogues = catalogues;
        this.revisions = revisions;
        this.reviews = reviews;
        this.documents = documents;
        this.audit = audit;
        this.access = access;
        this.json = json;
    }

    // ---- reading ----

    /**
     * The organisation's site with this key, as its editor shows it. The snapshot of the version read is kept (if it
     * was not already) so that a later refused save can list what changed since this read.
     */
    @Transactional
    public Optional<Listing> find(long organisationId, String siteKey) {
        return catalogues
                .siteByKey(siteKey)
                .filter(ref -> ref.organisationId() == organisationId)
                .flatMap(ref -> catalogues.site(ref.id()).map(site -> {
                    revisions.keepIfMissing(ref.id(), ref.version(), site);
                    return listing(ref, site);
                }));
    }

    /** A line of the organisation's list of sites, drafts (no capability yet) included. */
    public record SiteLine(String key, String name, String city, int capabilities) {}

    @Transactional(readOnly = true)
    public List<SiteLine> sitesOf(long organisationId) {
        return jdbc.sql("""
                        select s.site_key, s.name, s.city,
                               (select count(*) from capability c where c.site_id = s.id) capabilities
                          from site s where s.organisation_id = :o order by s.name, s.site_key
                        """)
                .param("o", organisationId)
                .query((rs, n) -> new SiteLine(
                        rs.getString("site_key"),
                        rs.getString("name"),
                        rs.getString("city"),
                        rs.getInt("capabilities")))
                .list();
    }

    private Listing listing(SiteRef ref, Site site) {
        List<Evidence> contents = site.gmpEvidence() == null ? List.of() : site.gmpEvidence();
        // Positions are 0..n-1, in the order of the catalogue/v1 list read above.
        List<EvidenceItem> items = jdbc.sql("""
                        select e.id, e.review, e.review_comment,
                               d.file_name, d.size_bytes, d.sha256, d.uploaded_at
                          from gmp_evidence e left join evidence_document d on d.evidence_id = e.id
                         where e.site_id = :site order by e.position
                        """)
                .param("site", ref.id())
                .query((rs, n) -> new EvidenceItem(
                        rs.getLong(1),
                        contents.get(n),
                        Review.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4) == null
                                ? null
                                : new EvidenceDocuments.Document(
                                        rs.getLong(1),
                                        rs.getString(4),
                                        rs.getInt(5),
                                        rs.getString(6),
                                        rs.getTimestamp(7).toInstant())))
                .list();
        return jdbc.sql("select review, review_comment from site where id = :id")
                .param("id", ref.id())
                .query((rs, n) -> new Listing(
                        ref.id(),
                        site.key(),
                        ref.version(),
                        site,
                        items,
                        Review.valueOf(rs.getString(1)),
                        rs.getString(2)))
                .single();
    }

    // ---- the organisation's catalogue profile ----

    /** What the catalogue says of the organisation beyond its portal profile (catalogue/v1 organisation fields). */
    public record CatalogueProfile(String catalogueKind, String siren, String descriptionEn, String contactEmail) {}

    @Transactional(readOnly = true)
    public CatalogueProfile profile(long organisationId) {
        return jdbc.sql("select catalogue_kind, siren, description_en, contact_email from catalogue_profile"
                        + " where organisation_id = :id")
                .param("id", organisationId)
                .query((rs, n) ->
                        new CatalogueProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional()
                .orElse(new CatalogueProfile(null, null, null, null));
    }

    /** The version of the organisation's catalogue profile, which its form carries (0 before the first save). */
    @Transactional(readOnly = true)
    public int profileVersion(long organisationId) {
        return jdbc.sql("select version from catalogue_profile where organisation_id = :id")
                .param("id", organisationId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /**
     * Saves the catalogue profile if it is still at {@code expectedVersion} (its own version, apart from the
     * organisation's portal profile); otherwise {@link ProfileConflict} carries what is stored now.
     */
    @Transactional
    public int updateProfile(PortalUser user, long organisationId, int expectedVersion, CatalogueProfile profile) {
        access.requireEdit(user, organisationId);
        catalogueKeyOf(organisationId);
        CatalogueProfile before = profile(organisationId);
        Optional<Integer> version = jdbc.sql("""
                        update catalogue_profile set catalogue_kind = :kind, siren = :siren, description_en = :en,
                               contact_email = :email, version = version + 1
                         where organisation_id = :id and version = :version
                        returning version
                        """)
                .param("kind", profile.catalogueKind())
                .param("siren", profile.siren())
                .param("en", profile.descriptionEn())
                .param("email", profile.contactEmail())
                .param("id", organisationId)
                .param("version", expectedVersion)
                .query(Integer.class)
                .optional();
        if (version.isEmpty()) {
            throw new ProfileConflict(profileVersion(organisationId), before);
        }
        catalogues.outbox("organisation", organisationId, version.get());
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "organisation.catalogueProfileUpdated",
                "organisation",
                organisationId,
                before,
                profile));
        return version.get();
    }

    // ---- the site itself ----

    /**
     * A new site of the organisation, without capabilities yet (it stays out of the public catalogue until it has
     * one); its key is made from the organisation's and the site's names. Returns the key.
     */
    @Transactional
    public String createSite(PortalUser user, long organisationId, Site details) {
        access.requireEdit(user, organisationId);
        String organisationKey = catalogueKeyOf(organisationId);
        String key = freeSiteKey(organisationKey + " " + details.name());
        Site site = details.details().withKey(key);
        long id = catalogues.insertSite(organisationId, site, user.personId());
        revisions.record(id, 0, site, user.personId());
        catalogues.outbox("site", id, 0);
        audit.record(AuditEvent.byPerson(user.personId(), organisationId, "site.created", "site", id, null, site));
        return key;
    }

    /** The site's name, address, location and identifiers. */
    @Transactional
    public int updateDetails(PortalUser user, long siteId, int expectedVersion, Site details) {
        return edit(user, siteId, expectedVersion, "site.updated", site -> {
            Site changed =
                    details.withKey(site.key()).withLists(site.gmpEvidence(), site.capabilities(), site.availability());
            return new Edited(changed, site.details(), changed.details());
        });
    }

    // ---- capabilities ----

    @Transactional
    public int addCapability(PortalUser user, long siteId, int expectedVersion, Capability capability) {
        return editList(user, siteId, expectedVersion, "capability.added", Part.CAPABILITIES, list -> {
            list.add(capability);
            return list.size() - 1;
        });
    }

    @Transactional
    public int changeCapability(PortalUser user, long siteId, int expectedVersion, int index, Capability capability) {
        return editList(user, siteId, expectedVersion, "capability.changed", Part.CAPABILITIES, list -> {
            list.set(existing(list, index), capability);
            return index;
        });
    }

    @Transactional
    public int removeCapability(PortalUser user, long siteId, int expectedVersion, int index) {
        return editList(user, siteId, expectedVersion, "capability.removed", Part.CAPABILITIES, list -> {
            list.remove(existing(list, index));
            return -1;
        });
    }

    // ---- open slots ----

    @Transactional
    public int addSlot(PortalUser user, long siteId, int expectedVersion, Availability slot) {
        return editList(user, siteId, expectedVersion, "availability.added", Part.AVAILABILITY, list -> {
            list.add(slot);
            return list.size() - 1;
        });
    }

    @Transactional
    public int changeSlot(PortalUser user, long siteId, int expectedVersion, int index, Availability slot) {
        return editList(user, siteId, expectedVersion, "availability.changed", Part.AVAILABILITY, list -> {
            list.set(existing(list, index), slot);
            return index;
        });
    }

    /** The slot is taken or withdrawn: it leaves the listing (the audit trail keeps it). */
    @Transactional
    public int closeSlot(PortalUser user, long siteId, int expectedVersion, int index) {
        return editList(user, siteId, expectedVersion, "availability.closed", Part.AVAILABILITY, list -> {
            list.remove(existing(list, index));
            return -1;
        });
    }

    // ---- GMP evidence ----

    @Transactional
    public int addEvidence(PortalUser user, long siteId, int expectedVersion, Evidence evidence) {
        Evidence declared = declared(evidence);
        return editList(user, siteId, expectedVersion, "gmp.evidence.added", Part.EVIDENCE, list -> {
            list.add(declared);
            return list.size() - 1;
        });
    }

    /**
     * Changes a piece of evidence in place (it keeps its id and certificate); any change sends it back to
     * self-declared and to the moderation queue. Unchanged values change nothing.
     */
    @Transactional
    public int changeEvidence(PortalUser user, long siteId, int expectedVersion, long evidenceId, Evidence evidence) {
        Evidence declared = declared(evidence);
        LockedEvidence target = lockEvidence(user, siteId, expectedVersion, evidenceId);
        Locked locked = target.locked();
        int position = target.position();
        Evidence before = locked.site().gmpEvidence().get(position);
        if (withoutLevel(before).equals(withoutLevel(declared))) {
            return locked.ref().version();
        }
        jdbc.sql("""
                        update gmp_evidence set kind = :kind, authority = :authority, reference = :reference,
                               issued = :issued, inspected = :inspected, valid_until = :validUntil,
                               scope_codes = :scopes, outcome = :outcome
                         where id = :id
                        """)
                .param("kind", declared.kind())
                .param("authority", declared.authority())
                .param("reference", declared.reference())
                .param("issued", sqlDate(declared.issued()))
                .param("inspected", sqlDate(declared.inspected()))
                .param("validUntil", sqlDate(declared.validUntil()))
                .param(
                        "scopes",
                        declared.scopeCodes() == null
                                ? null
                                : declared.scopeCodes().toArray(String[]::new))
                .param("outcome", declared.outcome())
                .param("id", evidenceId)
                .update();
        reviews.editedByMember(evidenceId);
        return touched(locked, user, "gmp.evidence.changed", before, declared);
    }

    @Transactional
    public int removeEvidence(PortalUser user, long siteId, int expectedVersion, long evidenceId) {
        LockedEvidence target = lockEvidence(user, siteId, expectedVersion, evidenceId);
        Locked locked = target.locked();
        int position = target.position();
        Evidence before = locked.site().gmpEvidence().get(position);
        jdbc.sql("delete from gmp_evidence where id = :id")
                .param("id", evidenceId)
                .update();
        jdbc.sql("update gmp_evidence set position = position - 1 where site_id = :site and position > :position")
                .param("site", siteId)
                .param("position", position)
                .update();
        return touched(locked, user, "gmp.evidence.removed", before, null);
    }

    /**
     * Attaches (or replaces) the certificate of a piece of evidence: a PDF (checked by its first bytes, not its name)
     * of at most {@link EvidenceDocuments#MAX_BYTES}. The evidence goes back to self-declared until a moderator reads
     * the new document.
     */
    @Transactional
    public int attachCertificate(
            PortalUser user, long siteId, int expectedVersion, long evidenceId, String fileName, byte[] content) {
        LockedEvidence target = lockEvidence(user, siteId, expectedVersion, evidenceId);
        Locked locked = target.locked();
        int position = target.position();
        if (content == null || content.length == 0) {
            throw new CertificateRefused("listing.certificate.error.empty");
        }
        if (content.length > EvidenceDocuments.MAX_BYTES) {
            throw new CertificateRefused("listing.certificate.error.tooLarge");
        }
        if (!EvidenceDocuments.isPdf(content)) {
            throw new CertificateRefused("listing.certificate.error.notPdf");
        }
        String name = safeFileName(fileName);
        String sha256 = sha256(content);
        documents.store(evidenceId, name, content, sha256, user.personId());
        reviews.editedByMember(evidenceId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("reference", locked.site().gmpEvidence().get(position).reference());
        after.put("fileName", name);
        after.put("sizeBytes", content.length);
        after.put("sha256", sha256);
        return touched(locked, user, "gmp.evidence.certificateUploaded", null, after);
    }

    /** The certificate of evidence of the organisation's site, for its members and moderators only. */
    @Transactional(readOnly = true)
    public Optional<EvidenceDocuments.Certificate> certificate(
            PortalUser user, long organisationId, String siteKey, long evidenceId) {
        access.requireEdit(user, organisationId);
        return documents.certificate(organisationId, siteKey, evidenceId);
    }

    // ---- the common steps of a save ----

    private enum Part {
        CAPABILITIES,
        AVAILABILITY,
        EVIDENCE
    }

    /** A changed site and what the audit entry shows of the change. */
    private record Edited(Site site, Object before, Object after) {}

    /**
     * An edit of one of the site's lists; {@code change} edits the list in place and answers the index of the new or
     * changed item, or -1 for a removal.
     */
    private int editList(
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

    private int edit(
            PortalUser user,
            long siteId,
            int expectedVersion,
            String action,
            java.util.function.Function<Site, Edited> change) {
        Locked locked = lock(user, siteId, expectedVersion);
        Edited edited = change.apply(locked.site());
        int version = catalogues.updateSite(siteId, locked.ref().organisationId(), edited.site(), user.personId());
        revisions.record(siteId, version, edited.site(), user.personId());
        catalogues.outbox("site", siteId, version);
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

    private record Locked(SiteRef ref, Site site) {}

    /** Locks the site, checks the person's right on its organisation, then the version they read. */
    private Locked lock(PortalUser user, long siteId, int expectedVersion) {
        return atVersion(lockEditable(user, siteId), expectedVersion);
    }

    private SiteRef lockEditable(PortalUser user, long siteId) {
        SiteRef ref = catalogues.lockSite(siteId).orElseThrow(ListingNotFound::new);
        access.requireEdit(user, ref.organisationId());
        return ref;
    }

    private Locked atVersion(SiteRef ref, int expectedVersion) {
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
    private int touched(Locked locked, PortalUser user, String action, Object before, Object after) {
        long siteId = locked.ref().id();
        int version = catalogues.touchSite(siteId, null).orElseThrow(ListingNotFound::new);
        Site site = catalogues.site(siteId).orElseThrow(ListingNotFound::new);
        revisions.record(siteId, version, site, user.personId());
        catalogues.outbox("site", siteId, version);
        audit.record(AuditEvent.byPerson(
                user.personId(), locked.ref().organisationId(), action, "site", siteId, before, after));
        return version;
    }

    private record LockedEvidence(Locked locked, int position) {}

    /**
     * Locks the site for a change to one of its pieces of evidence. Evidence of another site is not found (404) before
     * the version is compared: whether an id exists elsewhere is none of the editor's business.
     */
    private LockedEvidence lockEvidence(PortalUser user, long siteId, int expectedVersion, long evidenceId) {
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

    private static int existing(List<?> list, int index) {
        if (index < 0 || index >= list.size()) {
            throw new ListingNotFound();
        }
        return index;
    }

    /** Members declare; only moderators raise a level, through {@link EvidenceReviews}. */
    private static Evidence declared(Evidence evidence) {
        if (evidence.verification() != null && !evidence.verification().equals("SELF_DECLARED")) {
            throw new VerificationRaiseRefused();
        }
        return withoutLevel(evidence);
    }

    private static Evidence withoutLevel(Evidence e) {
        return new Evidence(
                e.kind(),
                e.authority(),
                e.reference(),
                e.issued(),
                e.inspected(),
                e.validUntil(),
                e.scopeCodes() == null || e.scopeCodes().isEmpty() ? null : e.scopeCodes(),
                e.outcome(),
                "SELF_DECLARED");
    }

    /**
     * The organisation's catalogue key; its catalogue profile is created if missing, and given its slug as key (and a
     * catalogue kind from its kind, {@link Vocabulary.CatalogueKind#of}) at its first site or profile save.
     */
    private String catalogueKeyOf(long organisationId) {
        Organisation organisation = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        jdbc.sql("insert into catalogue_profile (organisation_id) values (:id) on conflict do nothing")
                .param("id", organisationId)
                .update();
        jdbc.sql("""
                        update catalogue_profile p set catalogue_key = :slug,
                               catalogue_kind = coalesce(p.catalogue_kind, :kind)
                         where p.organisation_id = :id and p.catalogue_key is null
                           and not exists (select 1 from catalogue_profile o where o.catalogue_key = :slug)
                        """)
                .param("id", organisationId)
                .param("slug", organisation.slug())
                .param("kind", Vocabulary.CatalogueKind.of(organisation.kind()).name())
                .update();
        return jdbc.sql("select coalesce(catalogue_key, :slug) from catalogue_profile where organisation_id = :id")
                .param("id", organisationId)
                .param("slug", organisation.slug())
                .query(String.class)
                .single();
    }

    private String freeSiteKey(String name) {
        String base = Slugs.of(name);
        base = base.length() > 56 ? base.substring(0, 56).replaceAll("-+$", "") : base;
        for (int n = 1; ; n++) {
            String key = Slugs.candidate(base, n);
            if (catalogues.siteByKey(key).isEmpty()) {
                return key;
            }
        }
    }

    private static String safeFileName(String fileName) {
        String name =
                fileName == null ? "" : fileName.replaceAll("^.*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"]", "");
        name = name.isBlank() ? "certificat.pdf" : name.strip();
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Date sqlDate(String date) {
        return date == null ? null : Date.valueOf(LocalDate.parse(date));
    }

    // ---- refusals ----

    /** No such site, capability, slot or evidence in this organisation: a 404. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public static final class ListingNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ListingNotFound() {
            super("No such listing item", null, false, false);
        }
    }

    /** Another save of the site came first; {@code changes} says what it changed (empty when no snapshot is kept). */
    public static final class ConcurrentEdit extends RuntimeException {
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

    /** The organisation was saved by someone else first; {@code current} is what is stored now. */
    public static final class ProfileConflict extends RuntimeException {
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

    /** A member tried to set a verification level above self-declared: a 403, nothing changed. */
    @ResponseStatus(HttpStatus.FORBIDDEN)
    public static final class VerificationRaiseRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VerificationRaiseRefused() {
            super("Only moderators raise a verification level", null, false, false);
        }
    }

    /** The uploaded certificate is empty, too large or not a PDF; {@code messageKey} says which. */
    public static final class CertificateRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String messageKey;

        CertificateRefused(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }
}
