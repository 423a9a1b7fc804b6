package fr.guichetbio.portal.matchmaking.brief;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.matchmaking.BriefOpened;
import fr.guichetbio.portal.organisation.Organisations;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads briefs. Only the members of the brief's organisation may read or change it — not platform
 * admins: a sponsor's needs are confidential (manufacturers will see what the sponsor sends them). Every change is
 * audited in the same transaction.
 */
@Service
public class BriefService {

    static final String TARGET = "brief";

    private final Briefs briefs;
    private final Organisations organisations;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.system(ZoneId.of("Europe/Paris"));

    BriefService(Briefs briefs, Organisations organisations, AuditTrail audit, ApplicationEventPublisher events) {
        this.briefs = briefs;
        this.organisations = organisations;
        this.audit = audit;
        this.events = events;
    }

    /** Whether the person may write and read the organisation's briefs: a member of it. */
    public boolean mayWrite(PortalUser user, long organisationId) {
        return user != null
                && organisations.roleOf(user.personId(), organisationId).isPresent();
    }

    /** The organisation's briefs, for one of its members; {@link BriefNotFound} for anyone else. */
    @Transactional(readOnly = true)
    public List<Brief> ofOrganisation(PortalUser user, long organisationId) {
        requireMember(user, organisationId);
        return briefs.ofOrganisation(organisationId);
    }

    /** The brief, when it belongs to {@code organisationId} and the person is a member of it; else a 404. */
    @Transactional(readOnly = true)
    public Brief get(PortalUser user, long organisationId, long briefId) {
        requireMember(user, organisationId);
        return briefs.find(briefId)
                .filter(brief -> brief.organisationId() == organisationId)
                .orElseThrow(BriefNotFound::new);
    }

    /** An open brief, for the module's own jobs (no person reads it through this): empty unless it is open. */
    @Transactional(readOnly = true)
    public java.util.Optional<Brief> findOpen(long briefId) {
        return briefs.find(briefId).filter(brief -> brief.status() == BriefStatus.OPEN);
    }

    /** A new draft. */
    @Transactional
    public Brief create(PortalUser user, long organisationId, BriefContent content) {
        requireMember(user, organisationId);
        requireValid(content);
        long id = briefs.insert(organisationId, user.personId(), BriefStatus.DRAFT, content);
        audit.record(AuditEvent.byPerson(
                user.personId(), organisationId, "brief.created", TARGET, id, null, content.summary()));
        return briefs.find(id).orElseThrow();
    }

    /** Saves new content, if nobody saved since {@code version} and the brief is not closed. */
    @Transactional
    public Brief update(PortalUser user, long organisationId, long briefId, BriefContent content, int version) {
        Brief brief = get(user, organisationId, briefId);
        requireValid(content);
        if (!brief.editable()) {
            throw new BriefConflict("brief.flash.closed");
        }
        if (!briefs.update(briefId, version, content)) {
            throw new BriefConflict("brief.flash.stale");
        }
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "brief.updated",
                TARGET,
                briefId,
                brief.content().summary(),
                content.summary()));
        return briefs.find(briefId).orElseThrow();
    }

    /** A new draft with the same content ("copie" added to the title, within its limit). */
    @Transactional
    public Brief duplicate(PortalUser user, long organisationId, long briefId, String copySuffix) {
        Brief brief = get(user, organisationId, briefId);
        BriefContent c = brief.content();
        // A past start window would make the copy unsaveable: the author sets it again.
        boolean pastStart =
                BriefRules.check(c, clock).stream().anyMatch(p -> p.field().equals("startFrom"));
        String title = c.title() + " " + copySuffix;
        if (title.length() > BriefRules.TITLE_MAX) {
            title = title.substring(0, BriefRules.TITLE_MAX);
        }
        BriefContent copy = new BriefContent(
                title,
                c.modality(),
                c.expressionSystem(),
                c.stage(),
                c.annualQuantityKg(),
                c.litresPerBatch(),
                c.sizing(),
                c.services(),
                c.technologies(),
                c.preferredTechnologies(),
                pastStart ? null : c.startFrom(),
                pastStart ? null : c.startTo(),
                c.region(),
                c.place(),
                c.radiusKm(),
                c.minimumVerification(),
                c.gmpRequired(),
                c.anonymous());
        long id = briefs.insert(organisationId, user.personId(), BriefStatus.DRAFT, copy);
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "brief.duplicated",
                TARGET,
                id,
                Map.of("from", briefId),
                copy.summary()));
        return briefs.find(id).orElseThrow();
    }

    /** Draft → open: the brief is final enough to send to manufacturers. */
    @Transactional
    public void open(PortalUser user, long organisationId, long briefId) {
        changeStatus(user, get(user, organisationId, briefId), BriefStatus.DRAFT, BriefStatus.OPEN, "brief.opened");
        events.publishEvent(new BriefOpened(briefId));
    }

    /** Draft or open → closed: kept, read-only. */
    @Transactional
    public void close(PortalUser user, long organisationId, long briefId) {
        Brief brief = get(user, organisationId, briefId);
        changeStatus(user, brief, brief.status(), BriefStatus.CLOSED, "brief.closed");
    }

    /** Moves the brief (read for this person) from {@code from} to {@code to}, unless it moved meanwhile. */
    private void changeStatus(PortalUser user, Brief brief, BriefStatus from, BriefStatus to, String action) {
        long organisationId = brief.organisationId();
        long briefId = brief.id();
        if (brief.status() != from || from == BriefStatus.CLOSED || !briefs.changeStatus(briefId, from, to)) {
            throw new BriefConflict("brief.flash.status");
        }
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                action,
                TARGET,
                briefId,
                Map.of("status", from.name()),
                Map.of("status", to.name())));
    }

    private void requireMember(PortalUser user, long organisationId) {
        if (!mayWrite(user, organisationId)) {
            throw new BriefNotFound();
        }
    }

    private void requireValid(BriefContent content) {
        List<BriefRules.Problem> problems = BriefRules.check(content, clock);
        if (!problems.isEmpty()) {
            throw new BriefInvalid(problems);
        }
    }

    /** Today's quarter and rules' clock, for the form's defaults. */
    public Clock clock() {
        return clock;
    }
}
