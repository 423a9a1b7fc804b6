package fr.guichetbio.portal.organisation.web;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Claims;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.OrganisationRefusal;
import fr.guichetbio.portal.organisation.OrganisationService;
import fr.guichetbio.portal.organisation.OrganisationStatus;
import fr.guichetbio.portal.organisation.Organisations;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Platform admins: find organisations, decide on pending organisations, claims and identity changes. */
@Controller
class AdminOrganisationsController {

    static final int RESULTS = 100;

    private final Organisations organisations;
    private final OrganisationService service;
    private final Claims claims;
    private final OrganisationAccess access;

    AdminOrganisationsController(
            Organisations organisations, OrganisationService service, Claims claims, OrganisationAccess access) {
        this.organisations = organisations;
        this.service = service;
        this.claims = claims;
        this.access = access;
    }

    @GetMapping("/admin/organisations")
    String index(
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "statut", required = false) OrganisationStatus status,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        access.requirePlatformAdmin(user);
        model.addAttribute("query", query == null ? "" : query.strip());
        model.addAttribute("status", status);
        model.addAttribute("statuses", OrganisationStatus.values());
        model.addAttribute("results", organisations.search(query, status, RESULTS));
        model.addAttribute("pending", organisations.search(null, OrganisationStatus.PENDING, RESULTS));
        model.addAttribute("claims", claims.pending());
        model.addAttribute("identityChanges", service.pendingIdentityChanges());
        return "admin/organisations/index";
    }

    @PostMapping("/admin/organisations/{id}/approuver")
    String approve(@PathVariable long id, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        return run(redirect, "admin.organisations.flash.approved", () -> service.approve(user, id));
    }

    @PostMapping("/admin/organisations/{id}/rejeter")
    String reject(
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        return run(redirect, "admin.organisations.flash.rejected", () -> service.reject(user, id, reason));
    }

    @PostMapping("/admin/organisations/revendications/{id}/approuver")
    String approveClaim(@PathVariable long id, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        return run(redirect, "admin.organisations.flash.claimApproved", () -> claims.approve(user, id));
    }

    @PostMapping("/admin/organisations/revendications/{id}/rejeter")
    String rejectClaim(
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        return run(redirect, "admin.organisations.flash.claimRejected", () -> claims.reject(user, id, reason));
    }

    @PostMapping("/admin/organisations/identites/{id}/approuver")
    String approveIdentity(
            @PathVariable long id, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        return run(redirect, "admin.organisations.flash.identityApproved", () -> service.approveIdentity(user, id));
    }

    @PostMapping("/admin/organisations/identites/{id}/rejeter")
    String rejectIdentity(
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        return run(
                redirect, "admin.organisations.flash.identityRejected", () -> service.rejectIdentity(user, id, reason));
    }

    private static String run(RedirectAttributes redirect, String success, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("flashSuccess", success);
        } catch (OrganisationRefusal refusal) {
            redirect.addFlashAttribute("flashError", refusal.messageKey());
        }
        return "redirect:/admin/organisations";
    }
}
