package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.listing.ListingNotFound;
import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews.Review;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The one owner of a listing's (a site's) review state. A moderator (platform admin) looks at a new listing and
 * either {@link #markChecked marks it checked} or {@link #reject rejects it} with a reason for the organisation. Each
 * decision names the site version the moderator saw ({@link Reviewed}) and is refused when the listing changed since.
 * Each decision leaves an audit entry on the organisation, in the caller's transaction.
 *
 * <p>Unlike {@link EvidenceReviews}, a decision does not bump the site's version nor write an outbox row: the review
 * state is not part of the site's catalogue/v1 content, its public page or its search document, so there is nothing
 * to re-index; and a version bump would make a member's edit started before the decision fail as a concurrent
 * change although nothing they see has changed.
 */
@Service
public class ListingReviews implements ReviewDecisions {

    /** The longest comment or reason kept (the column's size). */
    public static final int MAX_COMMENT_LENGTH = Reviewed.MAX_TEXT_LENGTH;

    /** One listing as the moderation needs it. */
    public record ListingRow(long id, long organisationId, String key, String name, Review review) {}

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final OrganisationAccess access;
    private final ApplicationEventPublisher events;

    ListingReviews(JdbcClient jdbc, AuditTrail audit, OrganisationAccess access, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.access = access;
        this.events = events;
    }

    @Override
    public boolean exists(long id) {
        return find(id).isPresent();
    }

    @Override
    public Reviewed reviewed(Integer siteVersion, String certificateSha256) {
        return Reviewed.listing(siteVersion);
    }

    @Override
    @Transactional
    public void check(PortalUser moderator, long id, Reviewed reviewed, String comment) {
        markChecked(moderator, id, reviewed, comment);
    }

    public Optional<ListingRow> find(long siteId) {
        return jdbc.sql("select id, organisation_id, site_key, name, review from site where id = :id")
                .param("id", siteId)
                .query((rs, n) -> new ListingRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        Review.valueOf(rs.getString(5))))
                .optional();
    }

    /** The moderator looked at the listing and found nothing wrong; the comment is optional. */
    @Transactional
    public void markChecked(PortalUser moderator, long siteId, Reviewed reviewed, String comment) {
        access.requirePlatformAdmin(moderator);
        ListingRow row = asReviewed(siteId, reviewed);
        change(row, moderator.personId(), Review.CHECKED, comment, "site.reviewed");
    }

    /** Sent back to the organisation with a reason, which is required: the organisation must know what to fix. */
    @Override
    @Transactional
    public void reject(PortalUser moderator, long siteId, Reviewed reviewed, String reason) {
        access.requirePlatformAdmin(moderator);
        String kept = Reviewed.reason(reason);
        ListingRow row = asReviewed(siteId, reviewed);
        change(row, moderator.personId(), Review.REJECTED, kept, "site.rejected");
        events.publishEvent(new ListingRejected(row.organisationId(), row.id(), row.name(), kept));
    }

    /**
     * The listing, locked (member edits lock it too) and found at the version the moderator saw, else
     * {@link Reviewed.Outdated}.
     */
    private ListingRow asReviewed(long siteId, Reviewed reviewed) {
        Integer version = jdbc.sql("select version from site where id = :id for update")
                .param("id", siteId)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new ListingNotFound(siteId));
        reviewed.require(version, null);
        return find(siteId).orElseThrow(() -> new ListingNotFound(siteId));
    }

    private void change(ListingRow row, long moderatorId, Review review, String comment, String action) {
        String kept = Reviewed.kept(comment);
        jdbc.sql("""
                        update site set review = :review, review_comment = :comment,
                               reviewed_at = current_timestamp, reviewed_by = :moderator
                         where id = :id
                        """)
                .param("review", review.name())
                .param("comment", kept)
                .param("moderator", moderatorId)
                .param("id", row.id())
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("review", review.name());
        after.put("key", row.key());
        if (kept != null) {
            after.put("comment", kept);
        }
        audit.record(AuditEvent.byPerson(
                moderatorId,
                row.organisationId(),
                action,
                "site",
                row.id(),
                Map.of("review", row.review().name()),
                after));
    }

    /** No such site: answered 404. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public static final class ListingNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListingNotFound(long id) {
            super("No site " + id, null, false, false);
        }
    }
}
