package fr.guichetbio.portal.catalogue.web;

import fr.guichetbio.portal.catalogue.EvidenceDocuments;
import fr.guichetbio.portal.catalogue.ListingEditor;
import fr.guichetbio.portal.catalogue.ListingEditor.CertificateRefused;
import fr.guichetbio.portal.catalogue.ListingEditor.ConcurrentEdit;
import fr.guichetbio.portal.catalogue.ListingEditor.EvidenceItem;
import fr.guichetbio.portal.catalogue.ListingEditor.Listing;
import fr.guichetbio.portal.catalogue.ListingEditor.ListingNotFound;
import fr.guichetbio.portal.catalogue.ListingEditor.ProfileConflict;
import fr.guichetbio.portal.catalogue.ListingEditor.VerificationRaiseRefused;
import fr.guichetbio.portal.catalogue.Vocabulary;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.Organisations;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.IntSupplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The listing editor of an organisation's members: its sites, and for each its details, capabilities with
 * bioreactors, open slots and GMP evidence with certificates. The right on the organisation is checked before anything
 * is read from the request; a save refused because another came first re-renders the form with the member's input,
 * what changed meanwhile and the new version (409), so that saving again is a deliberate choice.
 */
@Controller
@RequestMapping("/organisations/{slug}/sites")
class ListingEditorController {

    private static final String OVERVIEW = "catalogue/editor/site";

    private final Organisations organisations;
    private final OrganisationAccess access;
    private final ListingEditor editor;
    private final ChangeLines changeLines;

    ListingEditorController(
            Organisations organisations, OrganisationAccess access, ListingEditor editor, ChangeLines changeLines) {
        this.organisations = organisations;
        this.access = access;
        this.editor = editor;
        this.changeLines = changeLines;
    }

    @ModelAttribute
    void vocabulary(Model model) {
        model.addAttribute("modalities", Vocabulary.Modality.values());
        model.addAttribute("services", Vocabulary.Service.values());
        model.addAttribute("stages", Vocabulary.Stage.values());
        model.addAttribute("expressionSystems", Vocabulary.ExpressionSystem.values());
        model.addAttribute("technologies", Vocabulary.BioreactorTechnology.values());
        model.addAttribute("evidenceKinds", Vocabulary.EvidenceKind.values());
        model.addAttribute("outcomes", Vocabulary.EvidenceOutcome.values());
        model.addAttribute("regions", Vocabulary.Region.values());
        model.addAttribute("catalogueKinds", Vocabulary.CatalogueKind.values());
    }

    // ---- sites ----

    @GetMapping
    String sites(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = editable(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("canManage", access.canManage(user, organisation.id()));
        model.addAttribute("sites", editor.sitesOf(organisation.id()));
        return "catalogue/editor/sites";
    }

    // ---- the organisation's catalogue profile ----

    @GetMapping("/fiche")
    String profile(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = editable(slug, user);
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
        Organisation organisation = editable(slug, user);
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
        Organisation organisation = editable(slug, user);
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
        Organisation organisation = editable(slug, user);
        if (errors.hasErrors()) {
            model.addAttribute("organisation", organisation);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "catalogue/editor/new-site";
        }
        String key = editor.createSite(user, organisation.id(), form.toSite());
        redirect.addFlashAttribute("flashSuccess", "listing.flash.siteCreated");
        return "redirect:" + siteUrl(slug, key);
    }

    @GetMapping("/{key}/modifier")
    String site(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = listing(slug, key, user, model);
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
        Listing listing = listing(slug, key, user, model);
        return save(
                errors,
                model,
                response,
                redirect,
                OVERVIEW,
                form::setVersion,
                () -> editor.updateDetails(user, listing.id(), form.getVersion(), form.toSite()),
                "listing.flash.siteUpdated",
                siteUrl(slug, key));
    }

    // ---- capabilities ----

    @GetMapping("/{key}/capacites/nouvelle")
    String newCapability(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = listing(slug, key, user, model);
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
        Listing listing = listing(slug, key, user, model);
        form.withSpareRowsAfterErrors(errors);
        return save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/capability",
                form::setVersion,
                () -> editor.addCapability(user, listing.id(), form.getVersion(), form.toCapability()),
                "listing.flash.capabilityAdded",
                siteUrl(slug, key) + "#capacites");
    }

    @GetMapping("/{key}/capacites/{index}")
    String capability(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = listing(slug, key, user, model);
        model.addAttribute("form", CapabilityForm.of(item(listing.content().capabilities(), index), listing.version()));
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
        Listing listing = listing(slug, key, user, model);
        item(listing.content().capabilities(), index);
        model.addAttribute("index", index);
        form.withSpareRowsAfterErrors(errors);
        return save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/capability",
                form::setVersion,
                () -> editor.changeCapability(user, listing.id(), form.getVersion(), index, form.toCapability()),
                "listing.flash.capabilityChanged",
                siteUrl(slug, key) + "#capacites");
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
        Listing listing = listing(slug, key, user, model);
        return remove(
                redirect,
                () -> editor.removeCapability(user, listing.id(), version, index),
                "listing.flash.capabilityRemoved",
                siteUrl(slug, key) + "#capacites");
    }

    // ---- open slots ----

    @GetMapping("/{key}/creneaux/nouveau")
    String newSlot(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = listing(slug, key, user, model);
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
        Listing listing = listing(slug, key, user, model);
        return save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/slot",
                form::setVersion,
                () -> editor.addSlot(user, listing.id(), form.getVersion(), form.toAvailability()),
                "listing.flash.slotAdded",
                siteUrl(slug, key) + "#creneaux");
    }

    @GetMapping("/{key}/creneaux/{index}")
    String slot(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable int index,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = listing(slug, key, user, model);
        model.addAttribute("form", SlotForm.of(item(listing.content().availability(), index), listing.version()));
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
        Listing listing = listing(slug, key, user, model);
        item(listing.content().availability(), index);
        model.addAttribute("index", index);
        return save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/slot",
                form::setVersion,
                () -> editor.changeSlot(user, listing.id(), form.getVersion(), index, form.toAvailability()),
                "listing.flash.slotChanged",
                siteUrl(slug, key) + "#creneaux");
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
        Listing listing = listing(slug, key, user, model);
        return remove(
                redirect,
                () -> editor.closeSlot(user, listing.id(), version, index),
                "listing.flash.slotClosed",
                siteUrl(slug, key) + "#creneaux");
    }

    // ---- GMP evidence ----

    @GetMapping("/{key}/preuves/nouvelle")
    String newEvidence(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = listing(slug, key, user, model);
        model.addAttribute("form", EvidenceForm.empty(listing.version()));
        return "catalogue/editor/evidence";
    }

    @PostMapping("/{key}/preuves/nouvelle")
    String addEvidence(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") EvidenceForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Listing listing = listing(slug, key, user, model);
        return save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/evidence",
                form::setVersion,
                () -> editor.addEvidence(user, listing.id(), form.getVersion(), form.toEvidence()),
                "listing.flash.evidenceAdded",
                siteUrl(slug, key) + "#preuves");
    }

    @GetMapping("/{key}/preuves/{evidenceId}")
    String evidence(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable long evidenceId,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = listing(slug, key, user, model);
        EvidenceItem item = evidenceItem(listing, evidenceId, model);
        model.addAttribute("form", EvidenceForm.of(item.content(), listing.version()));
        return "catalogue/editor/evidence";
    }

    @PostMapping("/{key}/preuves/{evidenceId}")
    String changeEvidence(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable long evidenceId,
            @AuthenticationPrincipal PortalUser user,
            @Validated @ModelAttribute("form") EvidenceForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Listing listing = listing(slug, key, user, model);
        evidenceItem(listing, evidenceId, model);
        return save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/evidence",
                form::setVersion,
                () -> editor.changeEvidence(user, listing.id(), form.getVersion(), evidenceId, form.toEvidence()),
                "listing.flash.evidenceChanged",
                siteUrl(slug, key) + "#preuves");
    }

    @PostMapping("/{key}/preuves/{evidenceId}/supprimer")
    String removeEvidence(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable long evidenceId,
            @RequestParam(defaultValue = "-1") int version,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            RedirectAttributes redirect) {
        Listing listing = listing(slug, key, user, model);
        return remove(
                redirect,
                () -> editor.removeEvidence(user, listing.id(), version, evidenceId),
                "listing.flash.evidenceRemoved",
                siteUrl(slug, key) + "#preuves");
    }

    @PostMapping("/{key}/preuves/{evidenceId}/certificat")
    String uploadCertificate(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable long evidenceId,
            @RequestParam(defaultValue = "-1") int version,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        Listing listing = listing(slug, key, user, model);
        EvidenceItem item = evidenceItem(listing, evidenceId, model);
        model.addAttribute("form", EvidenceForm.of(item.content(), listing.version()));
        try {
            editor.attachCertificate(
                    user,
                    listing.id(),
                    version,
                    evidenceId,
                    file == null ? null : file.getOriginalFilename(),
                    file == null ? null : file.getBytes());
        } catch (CertificateRefused refused) {
            model.addAttribute("certificateError", refused.messageKey());
            response.setStatus(
                    refused.messageKey().endsWith("tooLarge")
                            ? HttpStatus.CONTENT_TOO_LARGE.value()
                            : HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "catalogue/editor/evidence";
        } catch (ConcurrentEdit conflict) {
            conflict(conflict, model, response, v -> {});
            return "catalogue/editor/evidence";
        }
        redirect.addFlashAttribute("flashSuccess", "listing.flash.certificateUploaded");
        return "redirect:/organisations/" + slug + "/sites/" + key + "/preuves/" + evidenceId;
    }

    /** The certificate, to the organisation's members and moderators only; never rendered inline by the portal. */
    @GetMapping("/{key}/preuves/{evidenceId}/certificat")
    ResponseEntity<byte[]> certificate(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable long evidenceId,
            @AuthenticationPrincipal PortalUser user) {
        Organisation organisation = editable(slug, user);
        EvidenceDocuments.Certificate certificate =
                editor.certificate(user, organisation.id(), key, evidenceId).orElseThrow(ListingNotFound::new);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(certificate.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(certificate.content());
    }

    // ---- the common steps ----

    /**
     * Validation errors → the form again (422); a concurrent save → the form again with what changed (409); a member
     * raising a verification level → the form again with the refusal (403); otherwise the redirect.
     */
    private String save(
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            String view,
            java.util.function.IntConsumer setVersion,
            IntSupplier save,
            String flash,
            String next) {
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return view;
        }
        try {
            save.getAsInt();
        } catch (ConcurrentEdit conflict) {
            conflict(conflict, model, response, setVersion);
            return view;
        } catch (VerificationRaiseRefused refused) {
            errors.rejectValue("verification", "listing.evidence.verification.refused");
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return view;
        }
        redirect.addFlashAttribute("flashSuccess", flash);
        return "redirect:" + next;
    }

    private String remove(RedirectAttributes redirect, IntSupplier remove, String flash, String next) {
        try {
            remove.getAsInt();
            redirect.addFlashAttribute("flashSuccess", flash);
        } catch (ConcurrentEdit conflict) {
            redirect.addFlashAttribute("flashError", "listing.conflict.removal");
        }
        return "redirect:" + next;
    }

    private void conflict(
            ConcurrentEdit conflict,
            Model model,
            HttpServletResponse response,
            java.util.function.IntConsumer setVersion) {
        setVersion.accept(conflict.currentVersion());
        model.addAttribute("conflict", changeLines.of(conflict.changes()));
        response.setStatus(HttpStatus.CONFLICT.value());
    }

    /** The organisation if the person may edit its listings; 404 if they may not know it, 403 if they may not edit. */
    private Organisation editable(String slug, PortalUser user) {
        return access.editable(slug, user);
    }

    private Listing listing(String slug, String key, PortalUser user, Model model) {
        Organisation organisation = editable(slug, user);
        Listing listing = editor.find(organisation.id(), key).orElseThrow(ListingNotFound::new);
        model.addAttribute("organisation", organisation);
        model.addAttribute("listing", listing);
        return listing;
    }

    private static EvidenceItem evidenceItem(Listing listing, long evidenceId, Model model) {
        EvidenceItem item = listing.evidence().stream()
                .filter(e -> e.id() == evidenceId)
                .findFirst()
                .orElseThrow(ListingNotFound::new);
        model.addAttribute("evidence", item);
        return item;
    }

    private static <T> T item(List<T> items, int index) {
        if (items == null || index < 0 || index >= items.size()) {
            throw new ListingNotFound();
        }
        return items.get(index);
    }

    private static String siteUrl(String slug, String key) {
        return "/organisations/" + slug + "/sites/" + key + "/modifier";
    }
}
