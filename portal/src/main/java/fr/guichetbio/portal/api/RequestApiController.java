package fr.guichetbio.portal.api;

import fr.guichetbio.portal.apiclient.ApiClientPrincipal;
import fr.guichetbio.portal.document.PdfDownload;
import fr.guichetbio.portal.matchmaking.brief.BriefRules;
import fr.guichetbio.portal.matchmaking.request.DeclineReason;
import fr.guichetbio.portal.matchmaking.request.MatchRequest;
import fr.guichetbio.portal.matchmaking.request.MessageKind;
import fr.guichetbio.portal.matchmaking.request.RequestAttachment;
import fr.guichetbio.portal.matchmaking.request.RequestInvalid;
import fr.guichetbio.portal.matchmaking.request.RequestMessage;
import fr.guichetbio.portal.matchmaking.request.RequestNotFound;
import fr.guichetbio.portal.matchmaking.request.RequestService;
import fr.guichetbio.portal.matchmaking.request.Side;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/demandes}: the matchmaking requests the client's organisation sent or received (scope {@code
 * requests:read}) and replies to them (scope {@code requests:write}), for sponsors' and manufacturers' own systems.
 * A request of other organisations is a 404; an anonymous sponsor stays anonymous here too ({@code
 * sponsorOrganisation} is absent for the manufacturer until the sponsor reveals itself).
 */
@RestController
@Tag(
        name = "Requests",
        description = "The matchmaking requests between sponsors and manufacturers, for their own systems")
class RequestApiController {

    private final RequestService requests;
    private final Organisations organisations;
    private final MessageSource messages;

    RequestApiController(RequestService requests, Organisations organisations, MessageSource messages) {
        this.requests = requests;
        this.organisations = organisations;
        this.messages = messages;
    }

    /** An organisation as a request names it. */
    record Party(long id, String slug, String name) {}

    /**
     * A request as the API shows it to one of its sides.
     *
     * @param side the client's side: {@code SPONSOR} or {@code MANUFACTURER}
     * @param sponsorOrganisation absent while the sponsor is anonymous to the manufacturer
     * @param brief the brief as sent (codes and figures)
     * @param messages the thread, oldest first (absent in lists)
     */
    record RequestView(
            long id,
            Side side,
            String status,
            String siteKey,
            String siteName,
            Party manufacturerOrganisation,
            Party sponsorOrganisation,
            boolean revealed,
            Map<String, Object> brief,
            Instant updatedAt,
            List<MessageView> messages) {}

    /** An entry of the thread; authors are known by their side only. */
    record MessageView(
            Side side,
            MessageKind kind,
            String body,
            String slotQuarter,
            String timeline,
            DeclineReason reason,
            Instant createdAt,
            List<AttachmentView> attachments) {

        static MessageView of(long requestId, RequestMessage m) {
            return new MessageView(
                    m.side(),
                    m.kind(),
                    m.body(),
                    m.slotQuarter(),
                    m.timeline(),
                    m.reason(),
                    m.createdAt(),
                    m.attachments().stream()
                            .map(a -> new AttachmentView(
                                    a.id(),
                                    a.fileName(),
                                    a.sizeBytes(),
                                    "/api/demandes/" + requestId + "/pieces-jointes/" + a.id()))
                            .toList());
        }
    }

    /** A PDF attached to a message: its content at {@code href} (same token and scope). */
    record AttachmentView(long id, String fileName, int sizeBytes, String href) {}

    /** A reply: {@code kind} MESSAGE, INTERESTED (with {@code slotQuarter}), QUESTION or DECLINED (with {@code reason}). */
    record ReplyBody(
            @Schema(
                    allowableValues = {"MESSAGE", "INTERESTED", "QUESTION", "DECLINED"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String kind,

            String body,

            @Schema(description = "INTERESTED: the quarter of the proposed slot", example = "2027-Q3")
            String slotQuarter,

            String timeline,

            @Schema(
                    description = "DECLINED: why",
                    allowableValues = {"NO_CAPACITY", "SCALE", "MODALITY_OR_PROCESS", "TIMELINE", "COMMERCIAL", "OTHER"
                    })
            String reason) {}

    @Operation(
            summary = "List the requests the client's organisation sent or received",
            description = "Each with its side, status, site and brief as sent; without the thread.",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT, scopes = "requests:read"))
    @ApiResponse(responseCode = "200", description = "The requests")
    @ProblemResponse(401)
    @ProblemResponse(value = 403, description = "No scope requests:read")
    @GetMapping("/api/demandes")
    ResponseEntity<List<RequestView>> list(@AuthenticationPrincipal ApiClientPrincipal client) {
        Map<Long, Party> parties = new java.util.HashMap<>();
        List<RequestView> views = requests.ofOrganisation(client.organisationId()).stream()
                .map(r -> view(r, client.organisationId(), null, parties))
                .toList();
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(views);
    }

    @Operation(
            summary = "Read a request with its thread",
            description = "Messages are by side, never by name; attachments link to their PDF.",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT, scopes = "requests:read"))
    @ApiResponse(responseCode = "200", description = "The request and its messages")
    @ProblemResponse(401)
    @ProblemResponse(value = 403, description = "No scope requests:read")
    @ProblemResponse(value = 404, description = "Any request not of the client's organisation")
    @GetMapping("/api/demandes/{requestId}")
    ResponseEntity<RequestView> get(
            @PathVariable("requestId") long id, @AuthenticationPrincipal ApiClientPrincipal client) {
        RequestService.Thread thread = thread(client, id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(view(thread.request(), client.organisationId(), messages(thread)));
    }

    @Operation(
            summary = "Reply to a request",
            description = "A message, an expression of interest (with a slot), a question or a decline (with a reason);"
                    + " audited as the client.",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT, scopes = "requests:write"))
    @ApiResponse(
            responseCode = "201",
            description = "The request with its thread",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @ProblemResponse(value = 400, description = "An invalid reply: each field in 'errors' (field, message)")
    @ProblemResponse(401)
    @ProblemResponse(value = 403, description = "No scope requests:write")
    @ProblemResponse(value = 404, description = "Another organisation's request")
    @PostMapping(path = "/api/demandes/{requestId}/messages", consumes = "application/json")
    ResponseEntity<RequestView> reply(
            @PathVariable("requestId") long id,
            @RequestBody ReplyBody body,
            @AuthenticationPrincipal ApiClientPrincipal client) {
        thread(client, id);
        if (body == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "The body must be a JSON object");
        }
        try {
            requests.replyByClient(
                    client.clientId(),
                    client.organisationId(),
                    id,
                    RequestService.Reply.of(
                            body.kind(), body.body(), body.slotQuarter(), body.timeline(), body.reason()));
        } catch (RequestInvalid invalid) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid reply",
                    invalid.problems().stream().map(this::fieldError).toList());
        }
        RequestService.Thread thread = thread(client, id);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(view(thread.request(), client.organisationId(), messages(thread)));
    }

    @Operation(
            summary = "Download an attachment of a request",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT, scopes = "requests:read"))
    @ApiResponse(
            responseCode = "200",
            description = "The PDF, as a download",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @ProblemResponse(401)
    @ProblemResponse(value = 403, description = "No scope requests:read")
    @ProblemResponse(value = 404, description = "Any other request or attachment")
    @GetMapping("/api/demandes/{requestId}/pieces-jointes/{attachmentId}")
    ResponseEntity<byte[]> attachment(
            @PathVariable("requestId") long id,
            @PathVariable("attachmentId") long attachmentId,
            @AuthenticationPrincipal ApiClientPrincipal client) {
        try {
            RequestAttachment.File file = requests.attachmentForClient(client.organisationId(), id, attachmentId);
            return PdfDownload.of(file.fileName(), file.content());
        } catch (RequestNotFound e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No such attachment");
        }
    }

    private static List<MessageView> messages(RequestService.Thread thread) {
        return thread.messages().stream()
                .map(m -> MessageView.of(thread.request().id(), m))
                .toList();
    }

    private RequestService.Thread thread(ApiClientPrincipal client, long id) {
        try {
            return requests.threadForClient(client.organisationId(), id);
        } catch (RequestNotFound e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No such request");
        }
    }

    private RequestView view(MatchRequest r, long organisationId, List<MessageView> thread) {
        return view(r, organisationId, thread, new java.util.HashMap<>());
    }

    /** The request for one side; {@code parties} keeps the organisations already read (a list names few of them). */
    private RequestView view(MatchRequest r, long organisationId, List<MessageView> thread, Map<Long, Party> parties) {
        Side side = r.sponsorOrganisationId() == organisationId ? Side.SPONSOR : Side.MANUFACTURER;
        boolean sponsorVisible = side == Side.SPONSOR || r.revealed();
        return new RequestView(
                r.id(),
                side,
                r.status().name(),
                r.siteKey(),
                r.siteName(),
                parties.computeIfAbsent(r.manufacturerOrganisationId(), this::party),
                sponsorVisible ? parties.computeIfAbsent(r.sponsorOrganisationId(), this::party) : null,
                r.revealed(),
                r.briefSnapshot(),
                r.updatedAt(),
                thread);
    }

    private Party party(long organisationId) {
        Organisation o = organisations.find(organisationId).orElseThrow();
        return new Party(o.id(), o.slug(), o.name());
    }

    /** A rule broken, in English (the API's language), from the message bundle. */
    private ApiProblem.FieldError fieldError(BriefRules.Problem problem) {
        return new ApiProblem.FieldError(
                problem.field(), messages.getMessage(problem.messageKey(), null, java.util.Locale.ENGLISH));
    }
}
