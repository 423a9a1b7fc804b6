package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.catalogue.index.search.SearchUnavailableException;
import fr.guichetbio.portal.document.PdfDownload;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.matchmaking.brief.BriefContent;
import fr.guichetbio.portal.matchmaking.brief.BriefRules;
import fr.guichetbio.portal.matchmaking.request.DeclineReason;
import fr.guichetbio.portal.matchmaking.request.MatchRequest;
import fr.guichetbio.portal.matchmaking.request.MessageKind;
import fr.guichetbio.portal.matchmaking.request.RequestAttachment;
import fr.guichetbio.portal.matchmaking.request.RequestInvalid;
import fr.guichetbio.portal.matchmaking.request.RequestService;
import fr.guichetbio.portal.matchmaking.request.RequestStatus;
import fr.guichetbio.portal.matchmaking.request.Side;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.Organisations;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Requests and their threads: sent from a brief's shortlist, answered by the manufacturer (interested with a slot, a
 * question, or declined with a reason), discussed, revealed and closed by the sponsor. The two organisations' members
 * read a request; everyone else gets the 404 of an unknown one.
 */
@Controller
class RequestController {

    static final String THREAD = "/demandes/{requestId}";

    private final RequestService requests;
    private final OrganisationAccess access;
    private final Organisations organisations;

    RequestController(RequestService requests, OrganisationAccess access, Organisations organisations) {
        this.requests = requests;
        this.access = access;
        this.organisations = organisations;
    }

    @PostMapping("/organisations/{slug}/cahiers-des-charges/{briefId}/demandes")
    String send(
            @PathVariable String slug,
            @PathVariable long briefId,
            @RequestParam(name = "sites", required = false) List<String> sites,
            @RequestParam(name = "message", required = false) String message,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        try {
            int sent = requests.send(user, organisation.id(), briefId, sites, message)
                    .size();
            redirect.addFlashAttribute("flashSuccess", "request.flash.sent");
            redirect.addFlashAttribute("flashArguments", sent);
        } catch (RequestInvalid invalid) {
            redirect.addFlashAttribute(
                    "flashError", invalid.problems().getFirst().messageKey());
            redirect.addFlashAttribute("requestMessage", message);
        } catch (SearchUnavailableException e) {
            redirect.addFlashAttribute("flashError", "shortlist.unavailable");
            redirect.addFlashAttribute("requestMessage", message);
        }
        return "redirect:/organisations/" + slug + "/cahiers-des-charges/" + briefId + "#demandes";
    }

    @GetMapping("/organisations/{slug}/demandes-recues")
    String received(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = access.visible(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("requests", requests.received(user, organisation.id()));
        model.addAttribute("received", true);
        return "matchmaking/requests";
    }

    @GetMapping("/organisations/{slug}/demandes-envoyees")
    String sent(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = access.visible(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("requests", requests.sent(user, organisation.id()));
        model.addAttribute("received", false);
        return "matchmaking/requests";
    }

    @GetMapping(THREAD)
    String thread(@PathVariable long requestId, @AuthenticationPrincipal PortalUser user, Model model) {
        return threadPage(requests.open(user, requestId), Map.of(), model);
    }

    @PostMapping(THREAD + "/messages")
    String reply(
            @PathVariable long requestId,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "body", required = false) String body,
            @RequestParam(name = "slotQuarter", required = false) String slotQuarter,
            @RequestParam(name = "timeline", required = false) String timeline,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "attachment", required = false) MultipartFile attachment,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        try {
            requests.reply(
                    user,
                    requestId,
                    RequestService.Reply.of(kind, body, slotQuarter, timeline, reason),
                    attached(attachment));
            redirect.addFlashAttribute("flashSuccess", "request.flash.replied");
            return "redirect:/demandes/" + requestId;
        } catch (RequestInvalid invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("kind", kind);
            model.addAttribute("body", body);
            model.addAttribute("slotQuarter", slotQuarter);
            model.addAttribute("timeline", timeline);
            model.addAttribute("reason", reason);
            return threadPage(requests.thread(user, requestId), errors(invalid), model);
        }
    }

    /** An attachment, to the two organisations' members only; downloaded, never shown inline by the portal. */
    @GetMapping(THREAD + "/pieces-jointes/{attachmentId}")
    ResponseEntity<byte[]> attachment(
            @PathVariable long requestId, @PathVariable long attachmentId, @AuthenticationPrincipal PortalUser user) {
        RequestAttachment.File file = requests.attachment(user, requestId, attachmentId);
        return PdfDownload.of(file.fileName(), file.content());
    }

    /** The file chosen in the form, or {@code null} when none was (the browser then sends an empty, unnamed part). */
    private static RequestAttachment.File attached(MultipartFile file) throws IOException {
        if (file == null
                || (file.isEmpty()
                        && (file.getOriginalFilename() == null
                                || file.getOriginalFilename().isBlank()))) {
            return null;
        }
        return new RequestAttachment.File(file.getOriginalFilename(), file.getBytes());
    }

    @PostMapping(THREAD + "/reveler")
    String reveal(@PathVariable long requestId, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        try {
            requests.reveal(user, requestId);
            redirect.addFlashAttribute("flashSuccess", "request.flash.revealed");
        } catch (RequestInvalid invalid) {
            redirect.addFlashAttribute(
                    "flashError", invalid.problems().getFirst().messageKey());
        }
        return "redirect:/demandes/" + requestId;
    }

    @PostMapping(THREAD + "/clore")
    String close(
            @PathVariable long requestId,
            @RequestParam(name = "outcome", required = false) String outcome,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            requests.close(user, requestId, parse(RequestStatus.class, outcome));
            redirect.addFlashAttribute("flashSuccess", "request.flash.closed");
            return "redirect:/demandes/" + requestId;
        } catch (RequestInvalid invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return threadPage(requests.thread(user, requestId), errors(invalid), model);
        }
    }

    private String threadPage(RequestService.Thread thread, Map<String, String> errors, Model model) {
        MatchRequest request = thread.request();
        model.addAttribute("request", request);
        model.addAttribute("viewer", thread.viewer());
        model.addAttribute("messages", thread.messages());
        model.addAttribute("errors", errors);
        model.addAttribute("snapshot", SnapshotView.of(request.briefSnapshot()));
        model.addAttribute(
                "manufacturer",
                organisations.find(request.manufacturerOrganisationId()).orElseThrow());
        // The manufacturer learns who the sponsor is only once the sponsor reveals it.
        boolean sponsorVisible = thread.viewer() == Side.SPONSOR || request.revealed();
        model.addAttribute(
                "sponsor",
                sponsorVisible
                        ? organisations.find(request.sponsorOrganisationId()).orElseThrow()
                        : null);
        model.addAttribute("replyKinds", replyKinds(thread.viewer()));
        model.addAttribute("reasons", DeclineReason.values());
        model.addAttribute("outcomes", List.of(RequestStatus.WON, RequestStatus.LOST, RequestStatus.WITHDRAWN));
        model.addAttribute("regions", BriefContent.Region.values());
        return "matchmaking/request";
    }

    private static List<MessageKind> replyKinds(Side side) {
        return side == Side.MANUFACTURER
                ? List.of(MessageKind.INTERESTED, MessageKind.QUESTION, MessageKind.DECLINED, MessageKind.MESSAGE)
                : List.of(MessageKind.MESSAGE);
    }

    private static Map<String, String> errors(RequestInvalid invalid) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (BriefRules.Problem problem : invalid.problems()) {
            errors.putIfAbsent(problem.field(), problem.messageKey());
        }
        return errors;
    }

    /** A code of the enum, or {@code null} (blank or unknown: the service says which field is wrong). */
    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
