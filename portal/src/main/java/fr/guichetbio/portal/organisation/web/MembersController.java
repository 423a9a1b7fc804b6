package fr.guichetbio.portal.organisation.web;

import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.audit.AuditTrail.AuditQuery;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Invitations;
import fr.guichetbio.portal.organisation.MembershipRole;
import fr.guichetbio.portal.organisation.Memberships;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.OrganisationRefusal;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.web.PublicUrls;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Members, invitations and the audit journal of one organisation. */
@Controller
class MembersController {

    private final Organisations organisations;
    private final OrganisationAccess access;
    private final Memberships memberships;
    private final Invitations invitations;
    private final AuditTrail audit;
    private final PublicUrls urls;

    MembersController(
            Organisations organisations,
            OrganisationAccess access,
            Memberships memberships,
            Invitations invitations,
            AuditTrail audit,
            PublicUrls urls) {
        this.invitations = invitations;
        this.urls = urls;
        this.organisations = organisations;
        this.access = access;
        this.memberships = memberships;
        this.audit = audit;
    }

    @GetMapping("/organisations/{slug}/membres")
    String members(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = access.visible(slug, user);
        access.requireEdit(user, organisation.id());
        boolean canManage = access.canManage(user, organisation.id());
        model.addAttribute("organisation", organisation);
        model.addAttribute("members", memberships.members(organisation.id()));
        model.addAttribute("canManage", canManage);
        model.addAttribute("roles", MembershipRole.values());
        model.addAttribute(
                "member",
                organisations.roleOf(user.personId(), organisation.id()).isPresent());
        if (canManage) {
            model.addAttribute("invitations", invitations.pendingInvitations(organisation.id()));
            model.addAttribute("invitationRequests", invitations.invitationRequests(organisation.id()));
            if (!model.containsAttribute("invitationForm")) {
                model.addAttribute("invitationForm", new InvitationForm());
            }
        }
        return "organisations/members";
    }

    @PostMapping("/organisations/{slug}/invitations")
    String invite(
            @PathVariable String slug,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("invitationForm") InvitationForm form,
            BindingResult errors,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        access.requireManage(user, organisation.id());
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("org.springframework.validation.BindingResult.invitationForm", errors);
            redirect.addFlashAttribute("invitationForm", form);
            return "redirect:/organisations/" + slug + "/membres";
        }
        String base = urls.of("/invitations/");
        String token = invitations.invite(user, organisation.id(), form.getEmail(), form.getRole(), t -> base + t);
        redirect.addFlashAttribute("flashSuccess", "invitation.flash.created");
        redirect.addFlashAttribute("invitationLink", base + token);
        redirect.addFlashAttribute("invitedEmail", form.getEmail().strip());
        return "redirect:/organisations/" + slug + "/membres";
    }

    @PostMapping("/organisations/{slug}/invitations/{invitationId}/revoquer")
    String revoke(
            @PathVariable String slug,
            @PathVariable long invitationId,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        return run(
                slug,
                redirect,
                "invitation.flash.revoked",
                () -> invitations.revokeInvitation(user, organisation.id(), invitationId));
    }

    @PostMapping("/organisations/{slug}/invitations/{invitationId}/confirmer")
    String confirmRequest(
            @PathVariable String slug,
            @PathVariable long invitationId,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        return run(
                slug,
                redirect,
                "invitation.flash.confirmed",
                () -> invitations.confirmRequest(user, organisation.id(), invitationId));
    }

    @PostMapping("/organisations/{slug}/invitations/{invitationId}/refuser")
    String refuseRequest(
            @PathVariable String slug,
            @PathVariable long invitationId,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        return run(
                slug,
                redirect,
                "invitation.flash.refused",
                () -> invitations.refuseRequest(user, organisation.id(), invitationId));
    }

    @PostMapping("/organisations/{slug}/membres/{personId}/retirer")
    String remove(
            @PathVariable String slug,
            @PathVariable long personId,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        return run(
                slug,
                redirect,
                "organisation.members.flash.removed",
                () -> memberships.remove(user, organisation.id(), personId));
    }

    @PostMapping("/organisations/{slug}/membres/{personId}/role")
    String changeRole(
            @PathVariable String slug,
            @PathVariable long personId,
            // Optional here so that the access check, not parameter binding, answers first (403 before 400).
            @RequestParam(required = false) MembershipRole role,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        return run(
                slug,
                redirect,
                "organisation.members.flash.roleChanged",
                () -> memberships.changeRole(user, organisation.id(), personId, role));
    }

    @PostMapping("/organisations/{slug}/quitter")
    String leave(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        try {
            memberships.leave(user, organisation.id());
        } catch (OrganisationRefusal refusal) {
            redirect.addFlashAttribute("flashError", refusal.messageKey());
            return "redirect:/organisations/" + slug + "/membres";
        }
        redirect.addFlashAttribute("flashSuccess", "organisation.members.flash.left");
        return "redirect:/organisations";
    }

    @GetMapping("/organisations/{slug}/journal")
    String journal(
            @PathVariable String slug,
            @RequestParam(defaultValue = "0") int page,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Organisation organisation = access.visible(slug, user);
        access.requireManage(user, organisation.id());
        AuditQuery query = AuditQuery.forOrganisation(organisation.id(), page);
        var entries = audit.find(query);
        model.addAttribute("organisation", organisation);
        model.addAttribute("entries", entries);
        model.addAttribute("page", query.page());
        model.addAttribute("hasNext", entries.size() == query.pageSize());
        return "organisations/journal";
    }

    private static String run(String slug, RedirectAttributes redirect, String success, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("flashSuccess", success);
        } catch (OrganisationRefusal refusal) {
            redirect.addFlashAttribute("flashError", refusal.messageKey());
        }
        return "redirect:/organisations/" + slug + "/membres";
    }
}
