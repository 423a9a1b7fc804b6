package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.Vocabulary.VerificationLevel;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one owner of a piece of GMP evidence's verification level and review state. Only moderators (platform admins)
 * raise a level: {@link #markDocumentChecked} after reading the uploaded certificate, {@link #markRegistryMatched}
 * when a register extract confirms it. {@link #reject} sends the evidence back to the organisation with a reason.
 * Members' edits go through {@link #editedByMember}, which drops the level back to self-declared.
 *
 * <p>Each change bumps the site's version, keeps its snapshot, writes the outbox row (the search index shows the
 * level) and an audit entry on the organisation, all in the caller's transaction.
 */
@Service
public class EvidenceReviews {

    public enum Review {
        PENDING,
        CHECKED,
        REJECTED
    }

    /** One piece of evidence as the moderation needs it. */
    public record EvidenceRow(
            long id,
            long siteId,
            long organisationId,
            String kind,
            String authority,
            String reference,
            VerificationLevel verification,
            Review review) {}

    private final JdbcClient jdbc;
    private final Catalogues catalogues;
    private final Outbox outbox;
    private final SiteRevisions revisions;
    private final AuditTrail audit;
    private final OrganisationAccess access;

    EvidenceReviews(
            JdbcClient jdbc,
            Catalogues catalogues,
            Outbox outbox,
            SiteRevisions revisions,
            AuditTrail audit,
            OrganisationAccess access) {
        this.jdbc = jdbc;
        this.catalogues = catalogues;
        this.outbox = outbox;
        this.revisions = revisions;
        this.audit = audit;
        this.access = access;
    }

    public Optional<EvidenceRow> find(long evidenceId) {
        return jdbc.sql("""
                        select e.id, e.site_id, s.organisation_id, e.kind, e.authority, e.reference,
                               coalesce(e.verification, 'SELF_DECLARED') verification, e.review
                          from gmp_evidence e join site s on s.id = e.site_id
                         where e.id = :id
                        """)
                .param("id", evidenceId)
                .query((rs, n) -> new EvidenceRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        VerificationLevel.valueOf(rs.getString(7)),
                        Review.valueOf(rs.getString(8))))
                .optional();
    }

    /**
     * A moderator read the certificate: the level becomes document-checked (a registry match is kept). Refused with
     * {@link Reviewed.Outdated} when the evidence or its certificate changed since the moderator opened it.
     */
    @Transactional
    public void markDocumentChecked(PortalUser moderator, long evidenceId, Reviewed reviewed, String comment) {
        access.requirePlatformAdmin(moderator);
        EvidenceRow row = asReviewed(evidenceId, reviewed);
        VerificationLevel level = row.verification() == VerificationLevel.REGISTRY_MATCHED
                ? VerificationLevel.REGISTRY_MATCHED
                : VerificationLevel.DOCUMENT_CHECKED;
        change(row, moderator.personId(), level, Review.CHECKED, comment, "gmp.evidence.checked");
    }

    /** A register extract confirms the evidence (same authority, reference, dates and scope). */
    @Transactional
    public void markRegistryMatched(PortalUser moderator, long evidenceId, String note) {
        access.requirePlatformAdmin(moderator);
        EvidenceRow row = find(evidenceId).orElseThrow(() -> new EvidenceNotFound(evidenceId));
        change(
                row,
                moderator.personId(),
                VerificationLevel.REGISTRY_MATCHED,
                Review.CHECKED,
                note,
                "gmp.evidence.registryMatched");
    }

    /**
     * Sent back to the organisation: the reason is shown on its listing editor and in its journal. Refused like
     * {@link #markDocumentChecked} when the evidence changed since the moderator opened it.
     */
    @Transactional
    public void reject(PortalUser moderator, long evidenceId, Reviewed reviewed, String reason) {
        access.requirePlatformAdmin(moderator);
        EvidenceRow row = asReviewed(evidenceId, reviewed);
        change(
                row,
                moderator.personId(),
                VerificationLevel.SELF_DECLARED,
                Review.REJECTED,
                reason,
                "gmp.evidence.rejected");
    }

    /**
     * A member changed the evidence (fields or certificate): back to self-declared and into the moderation queue.
     * Called by the listing editor inside its transaction, which bumps the site version itself.
     */
    void editedByMember(long evidenceId) {
        jdbc.sql("""
                        update gmp_evidence set verification = 'SELF_DECLARED', review = 'PENDING', checked_at = null,
                               checked_by = null, reviewed_at = null, reviewed_by = null, review_comment = null,
                               changed_at = current_timestamp
                         where id = :id
                        """).param("id", evidenceId).update();
    }

    /**
     * The evidence, once its site is locked (member edits and certificate uploads lock it too) and found as the
     * moderator saw it: same site version, same certificate.
     */
    private EvidenceRow asReviewed(long evidenceId, Reviewed reviewed) {
        long siteId = find(evidenceId)
                .orElseThrow(() -> new EvidenceNotFound(evidenceId))
                .siteId();
        int version = catalogues
                .lockSite(siteId)
                .orElseThrow(() -> new EvidenceNotFound(evidenceId))
                .version();
        EvidenceRow row = find(evidenceId).orElseThrow(() -> new EvidenceNotFound(evidenceId));
        String certificate = jdbc.sql("select sha256 from evidence_document where evidence_id = :id")
                .param("id", evidenceId)
                .query(String.class)
                .optional()
                .orElse(null);
        reviewed.require(version, certificate);
        return row;
    }

    private void change(
            EvidenceRow row, long moderatorId, VerificationLevel level, Review review, String comment, String action) {
        boolean checked = level != VerificationLevel.SELF_DECLARED;
        jdbc.sql("""
                        update gmp_evidence set verification = :level, review = :review,
                               checked_at = case when :checked then current_timestamp end,
                               checked_by = case when :checked then :moderator end,
                               reviewed_at = current_timestamp, reviewed_by = :moderator, review_comment = :comment
                         where id = :id
                        """)
                .param("level", level.name())
                .param("review", review.name())
                .param("checked", checked)
                .param("moderator", moderatorId)
                .param("comment", comment == null || comment.isBlank() ? null : comment.strip())
                .param("id", row.id())
                .update();
        int version = catalogues.touchSite(row.siteId(), null).orElseThrow(() -> new EvidenceNotFound(row.id()));
        catalogues.site(row.siteId()).ifPresent(site -> revisions.record(row.siteId(), version, site, moderatorId));
        outbox.enqueue(Outbox.Aggregate.SITE, row.siteId(), version);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("verification", row.verification().name());
        before.put("review", row.review().name());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("verification", level.name());
        after.put("review", review.name());
        after.put("reference", row.reference());
        if (comment != null && !comment.isBlank()) {
            after.put("comment", comment.strip());
        }
        audit.record(AuditEvent.byPerson(
                moderatorId, row.organisationId(), action, "gmp_evidence", row.id(), before, after));
    }

    /** No such evidence: answered 404. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    public static final class EvidenceNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvidenceNotFound(long id) {
            super("No GMP evidence " + id, null, false, false);
        }
    }
}
