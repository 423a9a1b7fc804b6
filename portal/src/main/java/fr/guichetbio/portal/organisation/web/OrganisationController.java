package fr.guichetbio.portal.organisation.web;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Claims;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.OrganisationKind;
import fr.guichetbio.portal.organisation.OrganisationPageSection;
import fr.guichetbio.portal.organisation.OrganisationRefusal;
import fr.guichetbio.portal.organisation.OrganisationService;
import fr.guichetbio.portal.organisation.OrganisationService.NewOrganisation;
import fr.guichetbio.portal.organisation.OrganisationService.ProfileChange;
import fr.guichetbio.portal.organisation.OrganisationService.ProfileSaved;
import fr.guichetbio.portal.organisation.OrganisationStatus;
import fr.guichetbio.portal.organisation.Organisations;
import jakarta.validation.groups.Default;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The organisation's public page, its creation and profile edit, the person's organisations and claims. */
@Controller
class OrganisationController {

    private final Organisations organisations;
    private final OrganisationService service;
    private final OrganisationAccess access;
    private final Claims claims;
    private final List<OrganisationPageSection> sections;

    OrganisationController(
            Organisations organisations,
            OrganisationService service,
            OrganisationAccess access,
            Claims claims,
            List<OrganisationPageSection> sections) {
        this.organisations = organisations;
        this.service = service;
        this.access = access;
        this.claims = claims;
        this.sections = sections;
    }

    @ModelAttribute("kinds")
    OrganisationKind[] kinds() {
        return OrganisationKind.values();
    }

    /** The signed-in person's organisations, suggestions from their email domain, their claims. */
    @GetMapping("/organisations")
    String mine(@AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("organisations", organisations.ofPerson(user.personId()));
        model.addAttribute("suggestions", organisations.suggestedFor(user.personId()));
        model.addAttribute("claims", claims.of(user.personId()));
        return "organisations/mine";
    }

    @GetMapping("/organisations/nouvelle")
    String createForm(Model model) {
        model.addAttribute("form", new OrganisationForm());
        model.addAttribute("creating", true);
        return "organisations/form";
    }

    @PostMapping("/organisations/nouvelle")
    String create(
            @AuthenticationPrincipal PortalUser user,
            @Validated({Default.class, OrganisationForm.Creation.class}) @ModelAttribute("form") OrganisationForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            model.addAttribute("creating", true);
            return "organisations/form";
        }
        Organisation created = service.create(
                user, new NewOrganisation(form.getName(), form.getKind(), form.getWebsite(), form.getDescription()));
        redirect.addFlashAttribute("flashSuccess", "organisation.flash.created");
        return "redirect:/organisations/" + created.slug();
    }

    @GetMapping("/organisations/{slug}")
    String show(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = access.visible(slug, user);
        model.addAttribute("organisation", organisation);
        boolean member = user != null
                && organisations.roleOf(user.personId(), organisation.id()).isPresent();
        model.addAttribute("member", member);
        model.addAttribute("canEdit", access.canEdit(user, organisation.id()));
        model.addAttribute("canManage", access.canManage(user, organisation.id()));
        model.addAttribute(
                "sections",
                sections.stream()
                        .flatMap(section -> section.of(organisation).stream())
                        .toList());
        if (organisation.status() == OrganisationStatus.REJECTED) {
            model.addAttribute("statusReason", service.statusReason(organisation.id()));
        }
        if (user != null && !member) {
            model.addAttribute("canClaim", organisation.status() == OrganisationStatus.ACTIVE);
            model.addAttribute(
                    "pendingClaim",
                    claims.pendingOf(user.personId(), organisation.id()).orElse(null));
            model.addAttribute("domainMatches", organisations.emailDomainMatches(user.personId(), organisation.id()));
            if (!model.containsAttribute("claimForm")) {
                model.addAttribute("claimForm", new ClaimForm());
            }
        }
        return "organisations/show";
    }

    @GetMapping("/organisations/{slug}/modifier")
    String editForm(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = access.visible(slug, user);
        access.requireEdit(user, organisation.id());
        OrganisationForm form = new OrganisationForm();
        form.setName(organisation.name());
        form.setKind(organisation.kind());
        form.setWebsite(organisation.website());
        form.setDescription(organisation.description());
        form.setVersion(organisation.version());
        model.addAttribute("form", form);
        return editPage(organisation, user, model);
    }

    /** The edit form's context: who may change the name and website, and what waits for review. */
    private String editPage(Organisation organisation, PortalUser user, Model model) {
        model.addAttribute("organisation", organisation);
        model.addAttribute("canManage", access.canManage(user, organisation.id()));
        model.addAttribute("reviewed", organisation.status() == OrganisationStatus.ACTIVE);
        model.addAttribute(
                "identityInReview",
                service.pendingIdentityChange(organisation.id()).orElse(null));
        model.addAttribute("creating", false);
        return "organisations/form";
    }

    @PostMapping("/organisations/{slug}/modifier")
    String edit(
            @PathVariable String slug,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") OrganisationForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        // The right on THIS organisation first: an invalid form of a non-member is still a 403.
        access.requireEdit(user, organisation.id());
        if (errors.hasErrors()) {
            return editPage(organisation, user, model);
        }
        ProfileSaved saved;
        try {
            saved = service.update(
                    user,
                    organisation.id(),
                    new ProfileChange(form.getName(), form.getWebsite(), form.getDescription()),
                    form.getVersion());
        } catch (OrganisationRefusal refusal) {
            redirect.addFlashAttribute("flashError", refusal.messageKey());
            return "redirect:/organisations/" + slug + "/modifier";
        }
        redirect.addFlashAttribute(
                "flashSuccess",
                saved.inReview() != null ? "organisation.flash.identityInReview" : "organisation.flash.updated");
        return "redirect:/organisations/" + slug;
    }

    @PostMapping("/organisations/{slug}/revendiquer")
    String claim(
            @PathVariable String slug,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("claimForm") ClaimForm form,
            BindingResult errors,
            RedirectAttributes redirect) {
        Organisation organisation = access.visible(slug, user);
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("org.springframework.validation.BindingResult.claimForm", errors);
            redirect.addFlashAttribute("claimForm", form);
            redirect.addFlashAttribute("flashError", "claim.error.justification");
            return "redirect:/organisations/" + slug + "#revendiquer";
        }
        try {
            claims.claim(user, organisation.id(), form.getJustification());
            redirect.addFlashAttribute("flashSuccess", "claim.flash.created");
        } catch (OrganisationRefusal refusal) {
            redirect.addFlashAttribute("flashError", refusal.messageKey());
        }
        return "redirect:/organisations/" + slug;
    }
}
