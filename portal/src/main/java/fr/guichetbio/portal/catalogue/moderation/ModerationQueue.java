package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.VerificationLevel;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What waits for a moderator: GMP evidence that is new or changed since its last review, and new listings (sites),
 * oldest first so that nothing waits forever. Read only; the decisions go through {@link EvidenceReviews} and
 * {@link ListingReviews}.
 */
@Service
@Transactional(readOnly = true)
public class ModerationQueue {

    public static final int PAGE_SIZE = 20;

    /** Times are shown on French time, like the audit journal. */
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /**
     * A piece of evidence waiting for review, with what the moderator needs to find and judge it, and what their
     * decision must carry ({@link Reviewed}): the site's version and the certificate's digest as shown.
     */
    public record PendingEvidence(
            long id,
            long siteId,
            String siteKey,
            String siteName,
            String organisationName,
            String organisationSlug,
            String kind,
            String authority,
            String reference,
            LocalDate issued,
            LocalDate validUntil,
            VerificationLevel verification,
            ZonedDateTime changedAt,
            String certificateFileName,
            int siteVersion,
            String certificateSha256) {

        /** Whether the organisation uploaded the certificate (it can then be read before marking it checked). */
        public boolean certificateUploaded() {
            return certificateFileName != null;
        }
    }

    /** A listing (site) waiting for review, with its version (which the moderator's decision carries). */
    public record PendingListing(
            long id,
            String key,
            String name,
            String city,
            String organisationName,
            String organisationSlug,
            ZonedDateTime createdAt,
            int version) {}

    /** One page of a queue; {@code page} starts at 0. */
    public record Page<T>(List<T> rows, int page, boolean hasNext) {}

    private final JdbcClient jdbc;

    ModerationQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Page<PendingEvidence> pendingEvidence(int page) {
        int number = Math.max(0, page);
        List<PendingEvidence> rows = jdbc.sql("""
                        select e.id, s.id site_id, s.site_key, s.name site_name, o.name org_name, o.slug,
                               e.kind, e.authority, e.reference, e.issued, e.valid_until,
                               coalesce(e.verification, 'SELF_DECLARED') verification, e.changed_at, d.file_name,
                               s.version, d.sha256
                          from gmp_evidence e
                          join site s on s.id = e.site_id
                          join organisation o on o.id = s.organisation_id
                          left join evidence_document d on d.evidence_id = e.id
                         where e.review = 'PENDING'
                         order by e.changed_at, e.id
                         limit :limit offset :offset
                        """)
                .param("limit", PAGE_SIZE + 1)
                .param("offset", number * PAGE_SIZE)
                .query((rs, n) -> new PendingEvidence(
                        rs.getLong("id"),
                        rs.getLong("site_id"),
                        rs.getString("site_key"),
                        rs.getString("site_name"),
                        rs.getString("org_name"),
                        rs.getString("slug"),
                        rs.getString("kind"),
                        rs.getString("authority"),
                        rs.getString("reference"),
                        localDate(rs.getDate("issued")),
                        localDate(rs.getDate("valid_until")),
                        VerificationLevel.valueOf(rs.getString("verification")),
                        rs.getTimestamp("changed_at").toInstant().atZone(ZONE),
                        rs.getString("file_name"),
                        rs.getInt("version"),
                        rs.getString("sha256")))
                .list();
        return page(rows, number);
    }

    public Page<PendingListing> pendingListings(int page) {
        int number = Math.max(0, page);
        List<PendingListing> rows = jdbc.sql("""
                        select s.id, s.site_key, s.name, s.city, o.name org_name, o.slug, s.created_at, s.version
                          from site s join organisation o on o.id = s.organisation_id
                         where s.review = 'PENDING'
                         order by s.created_at, s.id
                         limit :limit offset :offset
                        """)
                .param("limit", PAGE_SIZE + 1)
                .param("offset", number * PAGE_SIZE)
                .query((rs, n) -> new PendingListing(
                        rs.getLong("id"),
                        rs.getString("site_key"),
                        rs.getString("name"),
                        rs.getString("city"),
                        rs.getString("org_name"),
                        rs.getString("slug"),
                        rs.getTimestamp("created_at").toInstant().atZone(ZONE),
                        rs.getInt("version")))
                .list();
        return page(rows, number);
    }

    public long pendingEvidenceCount() {
        return jdbc.sql("select count(*) from gmp_evidence where review = 'PENDING'")
                .query(Long.class)
                .single();
    }

    public long pendingListingCount() {
        return jdbc.sql("select count(*) from site where review = 'PENDING'")
                .query(Long.class)
                .single();
    }

    /** One more row than a page was read: it only tells whether a next page exists. */
    private static <T> Page<T> page(List<T> rows, int number) {
        boolean hasNext = rows.size() > PAGE_SIZE;
        return new Page<>(hasNext ? rows.subList(0, PAGE_SIZE) : rows, number, hasNext);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
