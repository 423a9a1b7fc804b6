package fr.guichetbio.portal.catalogue.moderation.web;

import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews;
import fr.guichetbio.portal.catalogue.moderation.ListingReviews;
import fr.guichetbio.portal.catalogue.moderation.ModerationQueue;
import fr.guichetbio.portal.catalogue.moderation.ReviewDecisions;
import fr.guichetbio.portal.catalogue.moderation.Reviewed;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The moderation queue ({@code /admin/moderation}, platform admins only like all of {@code /admin/**}): GMP evidence
 * to check and new listings, oldest first. A moderator marks a piece of evidence as checked against its document (with
 * an optional comment) or a listing as checked, or rejects either with a required reason, which the organisation's
 * administrators are sent (once the rejection is committed: see {@code RejectionNotices}) and which stays in the
 * organisation's journal. Every decision carries what the moderator
 * saw (hidden fields {@code version} and {@code certificate}, see {@link Reviewed}); when the item changed since, the
 * decision is refused with 409 and the queue comes back with the item as it now is.
 */
@Controller
class ModerationController {

    static final String QUEUE = "/admin/moderation";

    /**
     * Where the moderator was in both lists, carried by every form so that the queue comes back at the same pages.
     * Both start at 0.
     */
    record QueuePosition(Integer pagePreuves, Integer pageSites) {

        int evidencePage() {
            return pagePreuves == null ? 0 : Math.max(0, pagePreuves);
        }

        int listingPage() {
            return pageSites == null ? 0 : Math.max(0, pageSites);
        }

        String url(int evidencePage, int listingPage) {
            UriComponentsBuilder url = UriComponentsBuilder.fromPath(QUEUE);
            if (evidencePage > 0) {
                url.queryParam("pagePreuves", evidencePage);
            }
            if (listingPage > 0) {
                url.queryParam("pageSites", listingPage);
            }
            return url.build().toUriString();
        }

        String url() {
            return url(evidencePage(), listingPage());
        }
    }

    /**
     * A refused decision: which row's form ({@code form} and {@code id}), which field, the message to show on it and
     * what was typed, to give it back. The field {@value #CHANGED} means the item changed since the moderator opened
     * it: the message is shown on the row, not on a field.
     */
    record FormError(String form, long id, String field, String messageKey, String value) {

        static final String CHANGED = "changed";

        public boolean on(String otherForm, long otherId) {
            return form.equals(otherForm) && id == otherId;
        }

        /** Whether the decision was refused because the item changed since the moderator opened it. */
        public boolean outdated() {
            return field.equals(CHANGED);
        }

        /** Whether the message belongs on this form's field (not on its row). */
        public boolean onField(String otherForm, long otherId) {
            return on(otherForm, otherId) && !field.equals(CHANGED);
        }

        /** Whether a decision on this row ({@code evidence} or {@code listing}) was refused as outdated. */
        public boolean changed(String row, long otherId) {
            return field.equals(CHANGED) && form.startsWith(row + "-") && id == otherId;
        }
    }

    /** The two kinds of items of the queue: their forms' names and their flash messages. */
    enum Kind {
        EVIDENCE("evidence", "evidenceChecked", "evidenceRejected", "admin.moderation.changed.evidence"),
        LISTING("listing", "listingChecked", "listingRejected", "admin.moderation.changed.listing");

        final String form;
        final String checked;
        final String rejected;
        final String changed;

        Kind(String form, String checked, String rejected, String changed) {
            this.form = form;
            this.checked = "admin.moderation.flash." + checked;
            this.rejected = "admin.moderation.flash." + rejected;
            this.changed = changed;
        }
    }

    private final ModerationQueue queue;
    private final Map<Kind, ReviewDecisions> decisions;
    private final OrganisationAccess access;

    ModerationController(
            ModerationQueue queue,
            EvidenceReviews evidenceReviews,
            ListingReviews listingReviews,
            OrganisationAccess access) {
        this.queue = queue;
        this.decisions = new EnumMap<>(Map.of(Kind.EVIDENCE, evidenceReviews, Kind.LISTING, listingReviews));
        this.access = access;
    }

    @GetMapping(QUEUE)
    String queue(QueuePosition position, @AuthenticationPrincipal PortalUser user, Model model) {
        access.requirePlatformAdmin(user);
        return show(model, position);
    }

    @PostMapping("/admin/moderation/preuves/{evidenceId}/verifier")
    String checkEvidence(
            @PathVariable long evidenceId,
            @RequestParam(required = false) String comment,
            @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String certificate,
            QueuePosition position,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return decide(
                new Decision(Kind.EVIDENCE, evidenceId, false, comment, version, certificate),
                position,
                user,
                model,
                response,
                redirect);
    }

    @PostMapping("/admin/moderation/preuves/{evidenceId}/rejeter")
    String rejectEvidence(
            @PathVariable long evidenceId,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String certificate,
            QueuePosition position,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return decide(
                new Decision(Kind.EVIDENCE, evidenceId, true, reason, version, certificate),
                position,
                user,
                model,
                response,
                redirect);
    }

    @PostMapping("/admin/moderation/sites/{siteId}/valider")
    String checkListing(
            @PathVariable long siteId,
            @RequestParam(required = false) String comment,
            @RequestParam(required = false) Integer version,
            QueuePosition position,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return decide(
                new Decision(Kind.LISTING, siteId, false, comment, version, null),
                position,
                user,
                model,
                response,
                redirect);
    }

    @PostMapping("/admin/moderation/sites/{siteId}/rejeter")
    String rejectListing(
            @PathVariable long siteId,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) Integer version,
            QueuePosition position,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return decide(
                new Decision(Kind.LISTING, siteId, true, reason, version, null),
                position,
                user,
                model,
                response,
                redirect);
    }

    /** One decision as posted: on which item, check or reject, the comment or reason typed, what was seen. */
    private record Decision(Kind kind, long id, boolean reject, String text, Integer version, String certificate) {

        String form() {
            return kind.form + (reject ? "-reject" : "-check");
        }
    }

    /**
     * Every decision of the queue: 404 for an unknown item, 422 with the queue for a missing reason or a text too
     * long, 409 with the queue when the item changed since the moderator opened it, else the decision and a redirect
     * back to the same pages of the queue. Notices of rejections are the moderation services' events.
     */
    private String decide(
            Decision decision,
            QueuePosition position,
            PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        access.requirePlatformAdmin(user);
        ReviewDecisions reviews = decisions.get(decision.kind());
        if (!reviews.exists(decision.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String error = decision.reject()
                ? reasonError(decision.text())
                : tooLong(decision.text()) ? "admin.moderation.comment.tooLong" : null;
        if (error != null) {
            String field = decision.reject() ? "reason" : "comment";
            return invalid(
                    model,
                    response,
                    position,
                    new FormError(decision.form(), decision.id(), field, error, decision.text()));
        }
        Reviewed reviewed = reviews.reviewed(decision.version(), decision.certificate());
        try {
            if (decision.reject()) {
                reviews.reject(user, decision.id(), reviewed, decision.text());
            } else {
                reviews.check(user, decision.id(), reviewed, decision.text());
            }
        } catch (Reviewed.Outdated changed) {
            return outdated(model, response, position, decision, decision.text());
        }
        return done(redirect, position, decision.reject() ? decision.kind().rejected : decision.kind().checked);
    }

    private String show(Model model, QueuePosition position) {
        ModerationQueue.Page<ModerationQueue.PendingEvidence> evidence = queue.pendingEvidence(position.evidencePage());
        ModerationQueue.Page<ModerationQueue.PendingListing> listings = queue.pendingListings(position.listingPage());
        model.addAttribute("position", position);
        model.addAttribute("evidence", evidence);
        model.addAttribute("evidenceCount", queue.pendingEvidenceCount());
        model.addAttribute(
                "evidencePreviousUrl",
                evidence.page() > 0 ? position.url(evidence.page() - 1, position.listingPage()) : null);
        model.addAttribute(
                "evidenceNextUrl",
                evidence.hasNext() ? position.url(evidence.page() + 1, position.listingPage()) : null);
        model.addAttribute("listings", listings);
        model.addAttribute("listingCount", queue.pendingListingCount());
        model.addAttribute(
                "listingsPreviousUrl",
                listings.page() > 0 ? position.url(position.evidencePage(), listings.page() - 1) : null);
        model.addAttribute(
                "listingsNextUrl",
                listings.hasNext() ? position.url(position.evidencePage(), listings.page() + 1) : null);
        return "admin/moderation/queue";
    }

    private String invalid(Model model, HttpServletResponse response, QueuePosition position, FormError error) {
        model.addAttribute("formError", error);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return show(model, position);
    }

    /**
     * The item changed since the moderator opened it: 409, the queue as it now is (the row's forms carry the new
     * version) with the message on that row and what was typed given back.
     */
    private String outdated(
            Model model, HttpServletResponse response, QueuePosition position, Decision decision, String typed) {
        model.addAttribute(
                "formError",
                new FormError(decision.form(), decision.id(), FormError.CHANGED, decision.kind().changed, typed));
        response.setStatus(HttpStatus.CONFLICT.value());
        return show(model, position);
    }

    private static String done(RedirectAttributes redirect, QueuePosition position, String message) {
        redirect.addFlashAttribute("flashSuccess", message);
        return "redirect:" + position.url();
    }

    /** The message key of what is wrong with a rejection's reason, or {@code null} when it will do. */
    private static String reasonError(String reason) {
        if (reason == null || reason.isBlank()) {
            return "admin.moderation.reason.required";
        }
        return tooLong(reason) ? "admin.moderation.reason.tooLong" : null;
    }

    private static boolean tooLong(String text) {
        return text != null && text.strip().length() > Reviewed.MAX_TEXT_LENGTH;
    }
}
