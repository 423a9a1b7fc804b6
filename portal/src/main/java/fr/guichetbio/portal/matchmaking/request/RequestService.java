package fr.guichetbio.portal.matchmaking.request;

import fr.guichetbio.catalogue.index.match.Shortlist;
import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.document.PdfRefused;
import fr.guichetbio.portal.document.UploadedPdf;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.matchmaking.RequestAnswered;
import fr.guichetbio.portal.matchmaking.RequestClosed;
import fr.guichetbio.portal.matchmaking.RequestSent;
import fr.guichetbio.portal.matchmaking.brief.Brief;
import fr.guichetbio.portal.matchmaking.brief.BriefContent;
import fr.guichetbio.portal.matchmaking.brief.BriefRules;
import fr.guichetbio.portal.matchmaking.brief.BriefService;
import fr.guichetbio.portal.matchmaking.brief.BriefShortlists;
import fr.guichetbio.portal.matchmaking.brief.BriefStatus;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationStatus;
import fr.guichetbio.portal.organisation.Organisations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests from a sponsor's brief to manufacturers, and the exchange that follows. A request is readable by the
 * members of its two organisations only (anyone else: {@link RequestNotFound}); the manufacturer sees the brief as
 * sent, and the sponsor's organisation only once the sponsor reveals it. Every change is audited and published as an
 * event in its transaction (notifications react after commit).
 */
@Service
public class RequestService {

    /** The most sites one sending reaches: a shortlist's head, not a mailing. */
    public static final int MOST_SITES = 10;

    public static final int MESSAGE_MIN = 10;
    public static final int MESSAGE_MAX = 5_000;
    public static final int TIMELINE_MAX = 500;
    /** Enough for an NDA, specifications and a few revisions; each file is at most {@link UploadedPdf#MAX_BYTES}. */
    public static final int MOST_ATTACHMENTS = 20;

    static final String TARGET = "match_request";

    private final MatchRequests requests;
    private final BriefService briefs;
    private final BriefShortlists shortlists;
    private final Organisations organisations;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    RequestService(
            MatchRequests requests,
            BriefService briefs,
            BriefShortlists shortlists,
            Organisations organisations,
            AuditTrail audit,
            ApplicationEventPublisher events) {
        this.requests = requests;
        this.briefs = briefs;
        this.shortlists = shortlists;
        this.organisations = organisations;
        this.audit = audit;
        this.events = events;
    }

    /** A request as one of its sides reads it: the thread, and which side the reader is on. */
    public record Thread(MatchRequest request, Side viewer, List<RequestMessage> messages) {}

    /** A reply to a request's thread. */
    public record Reply(MessageKind kind, String body, String slotQuarter, String timeline, DeclineReason reason) {

        /**
         * A reply as a form or a JSON body sends it: codes as text (unknown or blank: {@code null}, which {@link
         * #reply} refuses with the field), the quarter as {@code 2027-T2} or {@code 2027-Q2}.
         */
        public static Reply of(String kind, String body, String slotQuarter, String timeline, String reason) {
            return new Reply(
                    code(MessageKind.class, kind),
                    body,
                    quarter(slotQuarter),
                    timeline,
                    code(DeclineReason.class, reason));
        }

        private static <E extends Enum<E>> E code(Class<E> type, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** {@code 2027-Q2} for either spelling; anything else as typed (refused by the checks). */
        private static String quarter(String value) {
            try {
                BriefContent.Quarter quarter = BriefContent.Quarter.parse(value);
                return quarter == null ? null : quarter.toString();
            } catch (IllegalArgumentException e) {
                return value;
            }
        }
    }

    /**
     * Who acts on a request: a side, the organisation acting, and either a signed-in person or an API client of that
     * organisation.
     */
    record Party(Side side, long organisationId, Long personId, String clientId) {

        AuditEvent audit(String action, long requestId, Object before, Object after) {
            return personId != null
                    ? AuditEvent.byPerson(personId, organisationId, action, TARGET, requestId, before, after)
                    : AuditEvent.byClient(clientId, organisationId, action, TARGET, requestId, before, after);
        }
    }

    /**
     * Sends the brief to the manufacturers of {@code siteKeys}, each a site of the brief's current shortlist (computed
     * again here: a request goes only to a site that meets the required criteria), with the sponsor's message.
     */
    @Transactional
    public List<MatchRequest> send(
            PortalUser user, long sponsorOrganisationId, long briefId, List<String> siteKeys, String message) {
        Brief brief = briefs.get(user, sponsorOrganisationId, briefId);
        if (brief.status() != BriefStatus.OPEN) {
            throw new RequestInvalid("sites", "request.error.briefNotOpen");
        }
        List<BriefRules.Problem> problems = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(siteKeys == null ? List.of() : siteKeys);
        if (keys.isEmpty() || keys.size() > MOST_SITES) {
            problems.add(new BriefRules.Problem("sites", "request.error.sites"));
        }
        String body = message == null ? "" : message.strip();
        if (body.length() < MESSAGE_MIN || body.length() > MESSAGE_MAX) {
            problems.add(new BriefRules.Problem("message", "request.error.message"));
        }
        if (!problems.isEmpty()) {
            throw new RequestInvalid(problems);
        }
        Shortlist shortlist = shortlists.of(brief, briefs.clock(), MOST_SITES * 10);
        List<String> asked = requests.askedSites(briefId);
        List<MatchRequest> sent = new ArrayList<>();
        for (String key : keys) {
            Shortlist.Candidate candidate = shortlist.candidates().stream()
                    .filter(c -> c.key().equals(key))
                    .findFirst()
                    .orElseThrow(() -> new RequestInvalid("sites", "request.error.notShortlisted"));
            if (asked.contains(key)) {
                throw new RequestInvalid("sites", "request.error.alreadyAsked");
            }
            Organisation manufacturer = organisations
                    .findBySlug(candidate.organisationSlug())
                    .filter(o -> o.status() == OrganisationStatus.ACTIVE && o.id() != sponsorOrganisationId)
                    .orElseThrow(() -> new RequestInvalid("sites", "request.error.notShortlisted"));
            BriefContent content = brief.content();
            long id = requests.insert(
                    briefId,
                    sponsorOrganisationId,
                    manufacturer.id(),
                    key,
                    candidate.name(),
                    content.summary(),
                    !content.anonymous(),
                    user.personId());
            requests.addMessage(id, Side.SPONSOR, user.personId(), MessageKind.SENT, body, null, null, null);
            audit.record(AuditEvent.byPerson(
                    user.personId(),
                    sponsorOrganisationId,
                    "request.sent",
                    TARGET,
                    id,
                    null,
                    Map.of("briefId", briefId, "siteKey", key, "manufacturerOrganisationId", manufacturer.id())));
            events.publishEvent(new RequestSent(id, sponsorOrganisationId, manufacturer.id()));
            sent.add(requests.find(id).orElseThrow());
        }
        return sent;
    }

    /** The requests sent from a brief, for the sponsor organisation's members. */
    @Transactional(readOnly = true)
    public List<MatchRequest> ofBrief(PortalUser user, long sponsorOrganisationId, long briefId) {
        briefs.get(user, sponsorOrganisationId, briefId);
        return requests.ofBrief(briefId);
    }

    /** The requests an organisation received, for its members. */
    @Transactional(readOnly = true)
    public List<MatchRequest> received(PortalUser user, long organisationId) {
        requireMember(user, organisationId);
        return requests.received(organisationId);
    }

    /** The requests an organisation sent, for its members. */
    @Transactional(readOnly = true)
    public List<MatchRequest> sent(PortalUser user, long organisationId) {
        requireMember(user, organisationId);
        return requests.sent(organisationId);
    }

    /**
     * The request and its thread for one of its sides; the first time a manufacturer's member opens a sent request,
     * it becomes read.
     */
    @Transactional
    public Thread open(PortalUser user, long requestId) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        Side side = sideOf(user, request).orElseThrow(RequestNotFound::new);
        if (side == Side.MANUFACTURER
                && request.status() == RequestStatus.SENT
                && requests.changeStatus(requestId, List.of(RequestStatus.SENT), RequestStatus.READ)) {
            audit.record(AuditEvent.byPerson(
                    user.personId(),
                    request.manufacturerOrganisationId(),
                    "request.read",
                    TARGET,
                    requestId,
                    Map.of("status", RequestStatus.SENT.name()),
                    Map.of("status", RequestStatus.READ.name())));
            request = requests.find(requestId).orElseThrow();
        }
        return new Thread(request, side, requests.messages(requestId));
    }

    /** The request and its thread for one of its sides, changing nothing (for a form sent back with errors). */
    @Transactional(readOnly = true)
    public Thread thread(PortalUser user, long requestId) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        Side side = sideOf(user, request).orElseThrow(RequestNotFound::new);
        return new Thread(request, side, requests.messages(requestId));
    }

    /**
     * A reply from either side, with a PDF attached or {@code null}; the status follows (an answer, a question or a
     * message opens the discussion).
     */
    @Transactional
    public void reply(PortalUser user, long requestId, Reply reply, RequestAttachment.File attachment) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        Side side = sideOf(user, request).orElseThrow(RequestNotFound::new);
        long organisation =
                side == Side.SPONSOR ? request.sponsorOrganisationId() : request.manufacturerOrganisationId();
        reply(new Party(side, organisation, user.personId(), null), request, reply, attachment);
    }

    /** An attachment of a request, for the members of its two organisations (anyone else: {@link RequestNotFound}). */
    @Transactional(readOnly = true)
    public RequestAttachment.File attachment(PortalUser user, long requestId, long attachmentId) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        sideOf(user, request).orElseThrow(RequestNotFound::new);
        return requests.attachment(requestId, attachmentId).orElseThrow(RequestNotFound::new);
    }

    /** An attachment of a request, for an API client of one of its organisations (anyone else: 404). */
    @Transactional(readOnly = true)
    public RequestAttachment.File attachmentForClient(long organisationId, long requestId, long attachmentId) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        clientSide(organisationId, request);
        return requests.attachment(requestId, attachmentId).orElseThrow(RequestNotFound::new);
    }

    /** A reply by an API client of one of the request's organisations (anyone else: {@link RequestNotFound}). */
    @Transactional
    public void replyByClient(String clientId, long organisationId, long requestId, Reply reply) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        reply(new Party(clientSide(organisationId, request), organisationId, null, clientId), request, reply, null);
    }

    /** The requests an organisation sent or received, for its API clients: the latest changed first. */
    @Transactional(readOnly = true)
    public List<MatchRequest> ofOrganisation(long organisationId) {
        List<MatchRequest> all = new ArrayList<>(requests.sent(organisationId));
        all.addAll(requests.received(organisationId));
        all.sort(java.util.Comparator.comparing(MatchRequest::updatedAt)
                .reversed()
                .thenComparing(MatchRequest::id, java.util.Comparator.reverseOrder()));
        return all;
    }

    /** A request and its thread for an API client of one of its organisations; reading it marks nothing. */
    @Transactional(readOnly = true)
    public Thread threadForClient(long organisationId, long requestId) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        return new Thread(request, clientSide(organisationId, request), requests.messages(requestId));
    }

    private static Side clientSide(long organisationId, MatchRequest request) {
        if (request.sponsorOrganisationId() == organisationId) {
            return Side.SPONSOR;
        }
        if (request.manufacturerOrganisationId() == organisationId) {
            return Side.MANUFACTURER;
        }
        throw new RequestNotFound();
    }

    private void reply(Party party, MatchRequest request, Reply reply, RequestAttachment.File attachment) {
        long requestId = request.id();
        if (request.status().closed()) {
            throw new RequestInvalid("kind", "request.error.closed");
        }
        List<BriefRules.Problem> problems = problems(reply, party.side());
        UploadedPdf pdf = null;
        if (attachment != null) {
            try {
                pdf = attachable(request, party.side(), attachment);
            } catch (RequestInvalid invalid) {
                problems.addAll(invalid.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestInvalid(problems);
        }
        String body = reply.body() == null || reply.body().isBlank()
                ? null
                : reply.body().strip();
        long messageId = requests.addMessage(
                requestId,
                party.side(),
                party.personId(),
                reply.kind(),
                body,
                reply.kind() == MessageKind.INTERESTED ? reply.slotQuarter() : null,
                reply.kind() == MessageKind.INTERESTED ? blankToNull(reply.timeline()) : null,
                reply.kind() == MessageKind.DECLINED ? reply.reason() : null);
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        if (pdf != null) {
            requests.addAttachment(requestId, messageId, party.side(), pdf, party.personId());
            after.put(
                    "attachment",
                    Map.of("fileName", pdf.fileName(), "sizeBytes", pdf.sizeBytes(), "sha256", pdf.sha256()));
        }
        RequestStatus next = switch (reply.kind()) {
            case INTERESTED, DECLINED -> RequestStatus.ANSWERED;
            default -> RequestStatus.IN_DISCUSSION;
        };
        if (!requests.changeStatus(requestId, open(), next)) {
            throw new RequestInvalid("kind", "request.error.closed");
        }
        after.put("status", next.name());
        after.put("kind", reply.kind().name());
        audit.record(party.audit(
                "request.replied", requestId, Map.of("status", request.status().name()), after));
        events.publishEvent(new RequestAnswered(
                requestId, other(request, party.side()), reply.kind().name()));
    }

    /**
     * The attachment as it will be stored: checked like a GMP certificate and, from a sponsor still anonymous, renamed
     * and stripped of its metadata (author, software, XMP, comments' authors), since the manufacturer may download it.
     */
    private UploadedPdf attachable(MatchRequest request, Side side, RequestAttachment.File attachment) {
        int count = requests.attachmentCount(request.id());
        if (count >= MOST_ATTACHMENTS) {
            throw new RequestInvalid("attachment", "request.error.attachments");
        }
        try {
            UploadedPdf pdf = UploadedPdf.of(attachment.fileName(), attachment.content(), "piece-jointe.pdf");
            return side == Side.SPONSOR && !request.revealed()
                    ? pdf.withoutMetadata("piece-jointe-" + (count + 1) + ".pdf")
                    : pdf;
        } catch (PdfRefused refused) {
            throw new RequestInvalid(
                    "attachment", "request.error.attachment." + refused.reason().key());
        }
    }

    /** The sponsor lets the manufacturer see who it is (e.g. once an NDA is signed). */
    @Transactional
    public void reveal(PortalUser user, long requestId) {
        MatchRequest request = sponsorsOpenRequest(user, requestId);
        if (!requests.reveal(requestId)) {
            throw new RequestInvalid("kind", "request.error.revealed");
        }
        requests.addMessage(requestId, Side.SPONSOR, user.personId(), MessageKind.REVEALED, null, null, null, null);
        audit.record(AuditEvent.byPerson(
                user.personId(),
                request.sponsorOrganisationId(),
                "request.revealed",
                TARGET,
                requestId,
                Map.of("revealed", false),
                Map.of("revealed", true)));
        events.publishEvent(
                new RequestAnswered(requestId, request.manufacturerOrganisationId(), MessageKind.REVEALED.name()));
    }

    /** The sponsor closes the request: won, lost or withdrawn. */
    @Transactional
    public void close(PortalUser user, long requestId, RequestStatus outcome) {
        MatchRequest request = sponsorsOpenRequest(user, requestId);
        if (outcome == null || !outcome.closed()) {
            throw new RequestInvalid("outcome", "request.error.outcome");
        }
        if (!requests.changeStatus(requestId, open(), outcome)) {
            throw new RequestInvalid("outcome", "request.error.closed");
        }
        requests.addMessage(
                requestId, Side.SPONSOR, user.personId(), MessageKind.CLOSED, outcome.name(), null, null, null);
        audit.record(AuditEvent.byPerson(
                user.personId(),
                request.sponsorOrganisationId(),
                "request.closed",
                TARGET,
                requestId,
                Map.of("status", request.status().name()),
                Map.of("status", outcome.name())));
        events.publishEvent(new RequestClosed(requestId, request.manufacturerOrganisationId(), outcome.name()));
    }

    /** The side the person is on, if any (a member of both organisations acts as the sponsor). */
    public Optional<Side> sideOf(PortalUser user, MatchRequest request) {
        if (user == null) {
            return Optional.empty();
        }
        if (organisations
                .roleOf(user.personId(), request.sponsorOrganisationId())
                .isPresent()) {
            return Optional.of(Side.SPONSOR);
        }
        if (organisations
                .roleOf(user.personId(), request.manufacturerOrganisationId())
                .isPresent()) {
            return Optional.of(Side.MANUFACTURER);
        }
        return Optional.empty();
    }

    private MatchRequest sponsorsOpenRequest(PortalUser user, long requestId) {
        MatchRequest request = requests.find(requestId).orElseThrow(RequestNotFound::new);
        Side side = sideOf(user, request).orElseThrow(RequestNotFound::new);
        if (side != Side.SPONSOR) {
            throw new AccessDeniedException("Only the sponsor may do this");
        }
        if (request.status().closed()) {
            throw new RequestInvalid("outcome", "request.error.closed");
        }
        return request;
    }

    private static List<BriefRules.Problem> problems(Reply reply, Side side) {
        List<BriefRules.Problem> problems = new ArrayList<>();
        if (reply.kind() == null
                || !reply.kind().allowedFor(side)
                || reply.kind() == MessageKind.SENT
                || reply.kind() == MessageKind.REVEALED
                || reply.kind() == MessageKind.CLOSED) {
            problems.add(new BriefRules.Problem("kind", "request.error.kind"));
        } else {
            String body = reply.body() == null ? "" : reply.body().strip();
            boolean bodyRequired = reply.kind() == MessageKind.MESSAGE || reply.kind() == MessageKind.QUESTION;
            if ((bodyRequired && body.isEmpty()) || body.length() > MESSAGE_MAX) {
                problems.add(new BriefRules.Problem("body", "request.error.body"));
            }
            if (reply.kind() == MessageKind.DECLINED && reply.reason() == null) {
                problems.add(new BriefRules.Problem("reason", "request.error.reason"));
            }
            if (reply.kind() == MessageKind.INTERESTED) {
                if (reply.slotQuarter() == null || !reply.slotQuarter().matches("\\d{4}-Q[1-4]")) {
                    problems.add(new BriefRules.Problem("slotQuarter", "request.error.slot"));
                }
                if (reply.timeline() != null && reply.timeline().length() > TIMELINE_MAX) {
                    problems.add(new BriefRules.Problem("timeline", "request.error.timeline"));
                }
            }
        }
        return problems;
    }

    private static List<RequestStatus> open() {
        return List.of(RequestStatus.SENT, RequestStatus.READ, RequestStatus.ANSWERED, RequestStatus.IN_DISCUSSION);
    }

    private static long other(MatchRequest request, Side side) {
        return side == Side.SPONSOR ? request.manufacturerOrganisationId() : request.sponsorOrganisationId();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void requireMember(PortalUser user, long organisationId) {
        if (user == null
                || organisations.roleOf(user.personId(), organisationId).isEmpty()) {
            throw new RequestNotFound();
        }
    }
}
