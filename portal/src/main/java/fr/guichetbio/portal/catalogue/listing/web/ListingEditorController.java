package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.listing.ListingEditor;
import fr.guichetbio.portal.catalogue.listing.ListingEditor.Listing;
import fr.guichetbio.portal.catalogue.listing.ProfileConflict;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The listing editor of an organisation's members: its sites, and for each its details, capabilities with
 * bioreactors and open slots (its GMP evidence: {@link EvidenceEditorController}). The right on the organisation is checked before anything
 * is read from the request; a save refused because another came first re-renders the form with the member's input,
 * what changed meanwhile and the new version (409), so that saving again is a deliberate choice.
 */
@Controller
@RequestMapping("/organisations/{slug}/sites")
class ListingEditorController {

    private static final String OVERVIEW = "catalogue/editor/site";

    private final OrganisationAccess access;
    private final ListingEditor editor;
    private final ChangeLines changeLines;
    private final ListingPages pages;

    ListingEditorController(
            OrganisationAccess access, ListingEditor editor, ChangeLines changeLines, ListingPages pages) {
        this.access = access;
        this.editor = editor;
        this.changeLines = changeLines;
        this.pages = pages;
    }

    @ModelAttribute
    void vocabulary(Model model) {
        ListingPages.vocabulary(model);
    }

    // ---- sites ----

    @GetMapping
    String sites(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = pages.editable(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("canManage", access.canManage(user, organisation.id()));
        model.addAttribute("sites", editor.sitesOf(organisation.id()));
        return "catalogue/editor/sites";
    }

    // ---- the organisation's catalogue profile ----

    @GetMapping("/fiche")
    String profile(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = pages.editable(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("canManage", access.canManage(user, organisation.id()));
        model.addAttribute(
                "form",
                CatalogueProfileForm.of(editor.profile(organisation.id()), editor.profileVersion(organisation.id())));
        return "catalogue/editor/profile";
    }

    @PostMapping("/fiche")
    String updateProfile(
            @PathVariable String slug,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") CatalogueProfileForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Organisation organisation = pages.editable(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("canManage", access.canManage(user, organisation.id()));
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "catalogue/editor/profile";
        }
        try {
            editor.updateProfile(user, organisation.id(), form.getVersion(), form.toProfile());
        } catch (ProfileConflict conflict) {
            form.setVersion(conflict.currentVersion());
            model.addAttribute("conflict", changeLines.ofProfile(form.toProfile(), conflict.current()));
            model.addAttribute("conflictMine", true);
            response.setStatus(HttpStatus.CONFLICT.value());
            return "catalogue/editor/profile";
        }
        redirect.addFlashAttribute("flashSuccess", "listing.flash.profileUpdated");
        return "redirect:/organisations/" + slug + "/sites";
    }

    @GetMapping("/nouveau")
    String newSite(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = pages.editable(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("form", new SiteForm());
        return "catalogue/editor/new-site";
    }

    @PostMapping("/nouveau")
    String createSite(
            @PathVariable String slug,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") SiteForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Organisation organisation = pages.editable(slug, user);
        if (errors.hasErrors()) {
            model.addAttribute("organisation", organisation);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "catalogue/editor/new-site";
        }
        String key = editor.createSite(user, organisation.id(), form.toSite());
        redirect.addFlashAttribute("flashSuccess", "listing.flash.siteCreated");
        return "redirect:" + pages.siteUrl(slug, key);
    }

    @GetMapping("/{key}/modifier")
    String site(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = pages.listing(slug, key, user, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SiteForm.of(listing.content(), listing.version()));
        }
        return OVERVIEW;
    }

    @PostMapping("/{key}/modifier")
    String updateSite(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") SiteForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Listing listing = pages.listing(slug, key, user, model);
        return pages.save(
                errors,
                model,
                response,
                redirect,
                OVERVIEW,
                form::setVersion,
                () -> editor.updateDetails(user, listing.id(), form.getVersion(), form.toSite()),
                "listing.flash.siteUpdated",
                pages.siteUrl(slug, key));
    }

    // ---- capabilities ----

    @GetMapping("/{key}/capacites/nouvelle")
    String newCapability(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = pages.listing(slug, key, user, model);
        model.addAttribute("form", CapabilityForm.empty(listing.version()));
        return "catalogue/editor/capability";
    }

    @PostMapping("/{key}/capacites/nouvelle")
    String addCapability(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") CapabilityForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Listing listing = pages.listing(slug, key, user, model);
        form.withSpareRowsAfterErrors(errors);
        return pages.save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/capability",
                form::setVersion,
                () -> editor.addCapability(user, listing.id(), form.getVersion(), form.toCapability()),
                "listing.flash.capabilityAdded",
                pages.siteUrl(slug, key) + "#capacites");
    }

    @GetMapping("/{key}/capacites/{index}")
    String capability(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = pages.listing(slug, key, user, model);
        model.addAttribute(
                "form", CapabilityForm.of(pages.item(listing.content().capabilities(), index), listing.version()));
        model.addAttribute("index", index);
        return "catalogue/editor/capability";
    }

    @PostMapping("/{key}/capacites/{index}")
    String changeCapability(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") CapabilityForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Listing listing = pages.listing(slug, key, user, model);
        pages.item(listing.content().capabilities(), index);
        model.addAttribute("index", index);
        form.withSpareRowsAfterErrors(errors);
        return pages.save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/capability",
                form::setVersion,
                () -> editor.changeCapability(user, listing.id(), form.getVersion(), index, form.toCapability()),
                "listing.flash.capabilityChanged",
                pages.siteUrl(slug, key) + "#capacites");
    }

    @PostMapping("/{key}/capacites/{index}/supprimer")
    String removeCapability(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @RequestParam(defaultValue = "-1") int version,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            RedirectAttributes redirect) {
        Listing listing = pages.listing(slug, key, user, model);
        return pages.remove(
                redirect,
                () -> editor.removeCapability(user, listing.id(), version, index),
                "listing.flash.capabilityRemoved",
                pages.siteUrl(slug, key) + "#capacites");
    }

    // ---- open slots ----

    @GetMapping("/{key}/creneaux/nouveau")
    String newSlot(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = pages.listing(slug, key, user, model);
        model.addAttribute("form", SlotForm.empty(listing.version()));
        return "catalogue/editor/slot";
    }

    @PostMapping("/{key}/creneaux/nouveau")
    String addSlot(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") SlotForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Listing listing = pages.listing(slug, key, user, model);
        return pages.save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/slot",
                form::setVersion,
                () -> editor.addSlot(user, listing.id(), form.getVersion(), form.toAvailability()),
                "listing.flash.slotAdded",
                pages.siteUrl(slug, key) + "#creneaux");
    }

    @GetMapping("/{key}/creneaux/{index}")
    String slot(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = pages.listing(slug, key, user, model);
        model.addAttribute("form", SlotForm.of(pages.item(listing.content().availability(), index), listing.version()));
        model.addAttribute("index", index);
        return "catalogue/editor/slot";
    }

    @PostMapping("/{key}/creneaux/{index}")
    String changeSlot(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") SlotForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Listing listing = pages.listing(slug, key, user, model);
        pages.item(listing.content().availability(), index);
        model.addAttribute("index", index);
        return pages.save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/slot",
                form::setVersion,
                () -> editor.changeSlot(user, listing.id(), form.getVersion(), index, form.toAvailability()),
                "listing.flash.slotChanged",
                pages.siteUrl(slug, key) + "#creneaux");
    }

    @PostMapping("/{key}/creneaux/{index}/clore")
    String closeSlot(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @RequestParam(defaultValue = "-1") int version,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            RedirectAttributes redirect) {
        Listing listing = pages.listing(slug, key, user, model);
        return pages.remove(
                redirect,
                () -> editor.closeSlot(user, listing.id(), version, index),
                "listing.flash.slotClosed",
                pages.siteUrl(slug, key) + "#creneaux");
    }
}
