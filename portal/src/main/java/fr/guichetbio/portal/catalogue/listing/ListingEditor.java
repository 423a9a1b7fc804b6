package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.listing.Catalogues.SiteRef;
import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews;
import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews.Review;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.document.PdfRefused;
import fr.guichetbio.portal.document.UploadedPdf;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.OrganisationNotFound;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.organisation.Slugs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final Outbox outbox;
    private final SiteWriter sites;
    private final SiteRevisions revisions;
    private final EvidenceReviews reviews;
    private final EvidenceDocuments documents;
    private final AuditTrail audit;
    private final OrganisationAccess access;
    private final SiteEdits edits;
    private final Organisations organisations;

    ListingEditor(
            JdbcClient jdbc,
            Catalogues catalogues,
            Outbox outbox,
            SiteWriter sites,
            SiteRevisions revisions,
            EvidenceReviews reviews,
            EvidenceDocuments documents,
            AuditTrail audit,
            OrganisationAccess access,
            SiteEdits edits,
            Organisations organisations) {
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.catalogues = catalogues;
        this.outbox = outbox;
        this.sites = sites;
        this.revisions = revisions;
        this.reviews = reviews;
        this.documents = documents;
        this.audit = audit;
        this.access = access;
        this.edits = edits;
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
        outbox.enqueue(Outbox.Aggregate.ORGANISATION, organisationId, version.get());
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
        long id = sites.insertMemberSite(organisationId, site, user.personId());
        revisions.record(id, 0, site, user.personId());
        outbox.enqueue(Outbox.Aggregate.SITE, id, 0);
        audit.record(AuditEvent.byPerson(user.personId(), organisationId, "site.created", "site", id, null, site));
        return key;
    }

    /** The site's name, address, location and identifiers. */
    @Transactional
    public int updateDetails(PortalUser user, long siteId, int expectedVersion, Site details) {
        return edits.edit(user, siteId, expectedVersion, "site.updated", site -> {
            Site changed =
                    details.withKey(site.key()).withLists(site.gmpEvidence(), site.capabilities(), site.availability());
            return new SiteEdits.Edited(changed, site.details(), changed.details());
        });
    }

    // ---- capabilities ----

    @Transactional
    public int addCapability(PortalUser user, long siteId, int expectedVersion, Capability capability) {
        return edits.editList(user, siteId, expectedVersion, "capability.added", SiteEdits.Part.CAPABILITIES, list -> {
            list.add(capability);
            return list.size() - 1;
        });
    }

    @Transactional
    public int changeCapability(PortalUser user, long siteId, int expectedVersion, int index, Capability capability) {
        return edits.editList(
                user, siteId, expectedVersion, "capability.changed", SiteEdits.Part.CAPABILITIES, list -> {
                    list.set(existing(list, index), capability);
                    return index;
                });
    }

    @Transactional
    public int removeCapability(PortalUser user, long siteId, int expectedVersion, int index) {
        return edits.editList(
                user, siteId, expectedVersion, "capability.removed", SiteEdits.Part.CAPABILITIES, list -> {
                    list.remove(existing(list, index));
                    return -1;
                });
    }

    // ---- open slots ----

    @Transactional
    public int addSlot(PortalUser user, long siteId, int expectedVersion, Availability slot) {
        return edits.editList(
                user, siteId, expectedVersion, "availability.added", SiteEdits.Part.AVAILABILITY, list -> {
                    list.add(slot);
                    return list.size() - 1;
                });
    }

    @Transactional
    public int changeSlot(PortalUser user, long siteId, int expectedVersion, int index, Availability slot) {
        return edits.editList(
                user, siteId, expectedVersion, "availability.changed", SiteEdits.Part.AVAILABILITY, list -> {
                    list.set(existing(list, index), slot);
                    return index;
                });
    }

    /** The slot is taken or withdrawn: it leaves the listing (the audit trail keeps it). */
    @Transactional
    public int closeSlot(PortalUser user, long siteId, int expectedVersion, int index) {
        return edits.editList(
                user, siteId, expectedVersion, "availability.closed", SiteEdits.Part.AVAILABILITY, list -> {
                    list.remove(existing(list, index));
                    return -1;
                });
    }

    // ---- GMP evidence ----

    @Transactional
    public int addEvidence(PortalUser user, long siteId, int expectedVersion, Evidence evidence) {
        Evidence declared = declared(evidence);
        return edits.editList(user, siteId, expectedVersion, "gmp.evidence.added", SiteEdits.Part.EVIDENCE, list -> {
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
        SiteEdits.LockedEvidence target = edits.lockEvidence(user, siteId, expectedVersion, evidenceId);
        SiteEdits.Locked locked = target.locked();
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
        return edits.touched(locked, user, "gmp.evidence.changed", before, declared);
    }

    @Transactional
    public int removeEvidence(PortalUser user, long siteId, int expectedVersion, long evidenceId) {
        SiteEdits.LockedEvidence target = edits.lockEvidence(user, siteId, expectedVersion, evidenceId);
        SiteEdits.Locked locked = target.locked();
        int position = target.position();
        Evidence before = locked.site().gmpEvidence().get(position);
        jdbc.sql("delete from gmp_evidence where id = :id")
                .param("id", evidenceId)
                .update();
        jdbc.sql("update gmp_evidence set position = position - 1 where site_id = :site and position > :position")
                .param("site", siteId)
                .param("position", position)
                .update();
        return edits.touched(locked, user, "gmp.evidence.removed", before, null);
    }

    /**
     * Attaches (or replaces) the certificate of a piece of evidence: a PDF (checked by its first bytes, not its name)
     * of at most {@link UploadedPdf#MAX_BYTES}. The evidence goes back to self-declared until a moderator reads
     * the new document.
     */
    @Transactional
    public int attachCertificate(
            PortalUser user, long siteId, int expectedVersion, long evidenceId, String fileName, byte[] content) {
        SiteEdits.LockedEvidence target = edits.lockEvidence(user, siteId, expectedVersion, evidenceId);
        SiteEdits.Locked locked = target.locked();
        int position = target.position();
        UploadedPdf pdf;
        try {
            pdf = UploadedPdf.of(fileName, content, "certificat.pdf");
        } catch (PdfRefused refused) {
            throw new CertificateRefused(
                    "listing.certificate.error." + refused.reason().key());
        }
        String name = pdf.fileName();
        String sha256 = pdf.sha256();
        documents.store(evidenceId, name, content, sha256, user.personId());
        reviews.editedByMember(evidenceId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("reference", locked.site().gmpEvidence().get(position).reference());
        after.put("fileName", name);
        after.put("sizeBytes", content.length);
        after.put("sha256", sha256);
        return edits.touched(locked, user, "gmp.evidence.certificateUploaded", null, after);
    }

    /** The certificate of evidence of the organisation's site, for its members and moderators only. */
    @Transactional(readOnly = true)
    public Optional<EvidenceDocuments.Certificate> certificate(
            PortalUser user, long organisationId, String siteKey, long evidenceId) {
        access.requireEdit(user, organisationId);
        return documents.certificate(organisationId, siteKey, evidenceId);
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

    private static Date sqlDate(String date) {
        return date == null ? null : Date.valueOf(LocalDate.parse(date));
    }
}
