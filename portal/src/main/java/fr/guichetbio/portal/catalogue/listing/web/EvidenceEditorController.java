package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.listing.CertificateRefused;
import fr.guichetbio.portal.catalogue.listing.ConcurrentEdit;
import fr.guichetbio.portal.catalogue.listing.EvidenceDocuments;
import fr.guichetbio.portal.catalogue.listing.ListingEditor;
import fr.guichetbio.portal.catalogue.listing.ListingEditor.EvidenceItem;
import fr.guichetbio.portal.catalogue.listing.ListingEditor.Listing;
import fr.guichetbio.portal.catalogue.listing.ListingNotFound;
import fr.guichetbio.portal.document.PdfDownload;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
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
/**
 * The GMP evidence of a site in the listing editor: add, change or remove a piece of evidence, upload its certificate
 * (a PDF) and download it. Members declare; only moderators raise a level.
 */
@Controller
@RequestMapping("/organisations/{slug}/sites")
class EvidenceEditorController {

    private final ListingEditor editor;
    private final ListingPages pages;

    EvidenceEditorController(ListingEditor editor, ListingPages pages) {
        this.editor = editor;
        this.pages = pages;
    }

    @ModelAttribute
    void vocabulary(Model model) {
        ListingPages.vocabulary(model);
    }

    @GetMapping("/{key}/preuves/nouvelle")
    String newEvidence(
            @PathVariable String slug,
            @PathVariable String key,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = pages.listing(slug, key, user, model);
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
        Listing listing = pages.listing(slug, key, user, model);
        return pages.save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/evidence",
                form::setVersion,
                () -> editor.addEvidence(user, listing.id(), form.getVersion(), form.toEvidence()),
                "listing.flash.evidenceAdded",
                pages.siteUrl(slug, key) + "#preuves");
    }

    @GetMapping("/{key}/preuves/{evidenceId}")
    String evidence(
            @PathVariable String slug,
            @PathVariable String key,
            @PathVariable long evidenceId,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Listing listing = pages.listing(slug, key, user, model);
        EvidenceItem item = pages.evidenceItem(listing, evidenceId, model);
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
        Listing listing = pages.listing(slug, key, user, model);
        pages.evidenceItem(listing, evidenceId, model);
        return pages.save(
                errors,
                model,
                response,
                redirect,
                "catalogue/editor/evidence",
                form::setVersion,
                () -> editor.changeEvidence(user, listing.id(), form.getVersion(), evidenceId, form.toEvidence()),
                "listing.flash.evidenceChanged",
                pages.siteUrl(slug, key) + "#preuves");
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
        Listing listing = pages.listing(slug, key, user, model);
        return pages.remove(
                redirect,
                () -> editor.removeEvidence(user, listing.id(), version, evidenceId),
                "listing.flash.evidenceRemoved",
                pages.siteUrl(slug, key) + "#preuves");
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
        Listing listing = pages.listing(slug, key, user, model);
        EvidenceItem item = pages.evidenceItem(listing, evidenceId, model);
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
            pages.conflict(conflict, model, response, v -> {});
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
        Organisation organisation = pages.editable(slug, user);
        EvidenceDocuments.Certificate certificate =
                editor.certificate(user, organisation.id(), key, evidenceId).orElseThrow(ListingNotFound::new);
        return PdfDownload.of(certificate.fileName(), certificate.content());
    }
}
