package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.listing.Catalogues;
import fr.guichetbio.portal.catalogue.listing.Catalogues.EvidenceWrite;
import fr.guichetbio.portal.catalogue.listing.Catalogues.LevelWrite;
import fr.guichetbio.portal.catalogue.listing.Catalogues.SiteWrite;
import fr.guichetbio.portal.catalogue.listing.Catalogues.StoredEvidence;
import fr.guichetbio.portal.catalogue.listing.Catalogues.Written;
import fr.guichetbio.portal.catalogue.listing.SiteRevisions;
import fr.guichetbio.portal.catalogue.listing.SiteTables;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.VerificationLevel;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
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
public class EvidenceReviews implements ReviewDecisions {

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
    private final JdbcTemplate template;
    private final Catalogues catalogues;
    private final Outbox outbox;
    private final SiteRevisions revisions;
    private final AuditTrail audit;
    private final OrganisationAccess access;
    private final ApplicationEventPublisher events;

    EvidenceReviews(
            JdbcClient jdbc,
            JdbcTemplate template,
            Catalogues catalogues,
            Outbox outbox,
            SiteRevisions revisions,
            AuditTrail audit,
            OrganisationAccess access,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.template = template;
        this.catalogues = catalogues;
        this.outbox = outbox;
        this.revisions = revisions;
        this.audit = audit;
        this.access = access;
        this.events = events;
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

    @Override
    public boolean exists(long id) {
        return find(id).isPresent();
    }

    @Override
    public Reviewed reviewed(Integer siteVersion, String certificateSha256) {
        return new Reviewed(siteVersion, certificateSha256);
    }

    @Override
    @Transactional
    public void check(PortalUser moderator, long id, Reviewed reviewed, String comment) {
        markDocumentChecked(moderator, id, reviewed, comment);
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
    @Override
    @Transactional
    public void reject(PortalUser moderator, long evidenceId, Reviewed reviewed, String reason) {
        access.requirePlatformAdmin(moderator);
        String kept = Reviewed.reason(reason);
        EvidenceRow row = asReviewed(evidenceId, reviewed);
        change(
                row,
                moderator.personId(),
                VerificationLevel.SELF_DECLARED,
                Review.REJECTED,
                kept,
                "gmp.evidence.rejected");
        events.publishEvent(
                new EvidenceRejected(row.organisationId(), row.id(), row.authority() + " " + row.reference(), kept));
    }

    /**
     * A member changed the evidence (fields or certificate): back to self-declared and into the moderation queue.
     * Called by the listing editor inside its transaction, which bumps the site version itself.
     */
    public void editedByMember(long evidenceId) {
        editedByMember(List.of(evidenceId));
    }

    private void editedByMember(List<Long> evidenceIds) {
        jdbc.sql("""
                        update gmp_evidence set verification = 'SELF_DECLARED', review = 'PENDING', checked_at = null,
                               checked_by = null, reviewed_at = null, reviewed_by = null, review_comment = null,
                               changed_at = current_timestamp
                         where id = any(:ids)
                        """).param("ids", evidenceIds.toArray(Long[]::new)).update();
    }

    // ---- levels of written evidence: the trust rules of imports and member edits ----

    /**
     * Matches the wanted evidence of a site to the stored one by (kind, authority, reference), in order, so that a
     * piece of evidence keeps its id, certificate and review history across edits and re-imports. Same fields: the
     * stored level is kept, unless {@code trusted} and the claim differs. Changed or new: the claim when
     * {@code trusted}, else self-declared. Stored evidence left unmatched is deleted by {@link SiteTables#writeSites}.
     */
    public static List<EvidenceWrite> match(List<StoredEvidence> stored, List<Evidence> wanted, boolean trusted) {
        Map<String, ArrayDeque<StoredEvidence>> byIdentity = new HashMap<>();
        for (StoredEvidence row : stored) {
            byIdentity
                    .computeIfAbsent(identity(row.content()), k -> new ArrayDeque<>())
                    .add(row);
        }
        List<EvidenceWrite> writes = new ArrayList<>();
        for (Evidence evidence : wanted == null ? List.<Evidence>of() : wanted) {
            ArrayDeque<StoredEvidence> candidates = byIdentity.get(identity(evidence));
            StoredEvidence match = candidates == null ? null : candidates.poll();
            if (match == null) {
                writes.add(
                        trusted
                                ? new EvidenceWrite(null, evidence, LevelWrite.CLAIMED)
                                : new EvidenceWrite(
                                        null,
                                        withLevel(evidence, evidence.verification() == null ? null : "SELF_DECLARED"),
                                        LevelWrite.SELF_DECLARED));
            } else if (sameFields(match.content(), evidence)) {
                boolean sameClaim = level(match.content().verification()).equals(level(evidence.verification()));
                writes.add(
                        trusted && !sameClaim
                                ? new EvidenceWrite(match.id(), evidence, LevelWrite.CLAIMED)
                                : new EvidenceWrite(
                                        match.id(),
                                        withLevel(evidence, match.content().verification()),
                                        LevelWrite.KEEP));
            } else {
                writes.add(
                        trusted
                                ? new EvidenceWrite(match.id(), evidence, LevelWrite.CLAIMED)
                                : new EvidenceWrite(
                                        match.id(), withLevel(evidence, "SELF_DECLARED"), LevelWrite.SELF_DECLARED));
            }
        }
        return writes;
    }

    private static String identity(Evidence evidence) {
        return evidence.kind() + '\u0000' + evidence.authority() + '\u0000' + evidence.reference();
    }

    private static String level(String verification) {
        return verification == null ? "SELF_DECLARED" : verification;
    }

    private static boolean sameFields(Evidence a, Evidence b) {
        return withLevel(a, null).equals(withLevel(b, null));
    }

    /** The evidence with another level; empty scope lists count as absent, like the stored ones. */
    private static Evidence withLevel(Evidence e, String verification) {
        return new Evidence(
                e.kind(),
                e.authority(),
                e.reference(),
                e.issued(),
                e.inspected(),
                e.validUntil(),
                e.scopeCodes() == null || e.scopeCodes().isEmpty() ? null : e.scopeCodes(),
                e.outcome(),
                verification);
    }

    /**
     * Writes the levels of evidence just written by {@link SiteTables#writeSites} ({@code written} in the order of
     * {@code writes}), in the caller's transaction: a trusted claim as claimed (checked by {@code actorPersonId} when
     * above self-declared), anything else a member or an organisation changed back to self-declared; evidence kept as
     * it was keeps its level.
     */
    public void recordLevels(List<SiteWrite> writes, List<Written> written, Long actorPersonId) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> claims = new ArrayList<>();
        List<Long> selfDeclared = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            List<EvidenceWrite> evidence = writes.get(i).evidence();
            List<Long> ids = written.get(i).evidenceIds();
            for (int position = 0; position < evidence.size(); position++) {
                EvidenceWrite write = evidence.get(position);
                long id = ids.get(position);
                if (write.level() == LevelWrite.CLAIMED) {
                    String verification = write.content().verification();
                    boolean checked = !level(verification).equals("SELF_DECLARED");
                    claims.add(new Object[] {
                        verification,
                        checked ? "CHECKED" : "PENDING",
                        checked ? now : null,
                        checked ? actorPersonId : null,
                        checked ? now : null,
                        checked ? actorPersonId : null,
                        id
                    });
                } else if (write.level() == LevelWrite.SELF_DECLARED
                        && (write.id() != null || write.content().verification() != null)) {
                    // New evidence without a claim keeps no level at all (as in its document).
                    selfDeclared.add(id);
                }
            }
        }
        if (!claims.isEmpty()) {
            template.batchUpdate("""
                    update gmp_evidence set verification = ?, review = ?, checked_at = ?, checked_by = ?,
                           reviewed_at = ?, reviewed_by = ?, review_comment = null, changed_at = current_timestamp
                     where id = ?
                    """, claims, new int[] {
                Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.BIGINT, Types.TIMESTAMP, Types.BIGINT, Types.BIGINT
            });
        }
        if (!selfDeclared.isEmpty()) {
            editedByMember(selfDeclared);
        }
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
            EvidenceRow row, long moderatorId, VerificationLevel level, Review review, String text, String action) {
        String comment = Reviewed.kept(text);
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
