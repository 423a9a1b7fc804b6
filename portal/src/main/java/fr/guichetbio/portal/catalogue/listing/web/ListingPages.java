package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.listing.ConcurrentEdit;
import fr.guichetbio.portal.catalogue.listing.ListingEditor;
import fr.guichetbio.portal.catalogue.listing.ListingEditor.EvidenceItem;
import fr.guichetbio.portal.catalogue.listing.ListingEditor.Listing;
import fr.guichetbio.portal.catalogue.listing.ListingNotFound;
import fr.guichetbio.portal.catalogue.listing.VerificationRaiseRefused;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.Organisations;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.IntSupplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The listing editor of an organisation's members: its sites, and for each its details, capabilities with
 * bioreactors, open slots and GMP evidence with certificates. The right on the organisation is checked before anything
 * is read from the request; a save refused because another came first re-renders the form with the member's input,
 * what changed meanwhile and the new version (409), so that saving again is a deliberate choice.
 */
/**
 * The common steps of the listing editor's pages: the right on the organisation, checked before anything is read from
 * the request; the site and evidence being edited; a save's answer (the form again with 422, 409 with what changed
 * meanwhile, 403 for a raised level; else the redirect with its flash message).
 */
@Component
class ListingPages {

    private final Organisations organisations;
    private final OrganisationAccess access;
    private final ListingEditor editor;
    private final ChangeLines changeLines;

    ListingPages(
            Organisations organisations, OrganisationAccess access, ListingEditor editor, ChangeLines changeLines) {
        this.organisations = organisations;
        this.access = access;
        this.editor = editor;
        this.changeLines = changeLines;
    }

    /** The codes the editor's forms offer. */
    static void vocabulary(Model model) {
        model.addAttribute("modalities", Vocabulary.Modality.values());
        model.addAttribute("services", Vocabulary.Service.values());
        model.addAttribute("stages", Vocabulary.Stage.values());
        model.addAttribute("expressionSystems", Vocabulary.ExpressionSystem.values());
        model.addAttribute("technologies", Vocabulary.Technology.values());
        model.addAttribute("bioreactorTechnologies", Vocabulary.BioreactorTechnology.values());
        model.addAttribute("evidenceKinds", Vocabulary.EvidenceKind.values());
        model.addAttribute("outcomes", Vocabulary.EvidenceOutcome.values());
        model.addAttribute("regions", Vocabulary.Region.values());
        model.addAttribute("catalogueKinds", Vocabulary.CatalogueKind.values());
    }

    /**
     * Validation errors → the form again (422); a concurrent save → the form again with what changed (409); a member
     * raising a verification level → the form again with the refusal (403); otherwise the redirect.
     */
    String save(
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

    String remove(RedirectAttributes redirect, IntSupplier remove, String flash, String next) {
        try {
            remove.getAsInt();
            redirect.addFlashAttribute("flashSuccess", flash);
        } catch (ConcurrentEdit conflict) {
            redirect.addFlashAttribute("flashError", "listing.conflict.removal");
        }
        return "redirect:" + next;
    }

    void conflict(
            ConcurrentEdit conflict,
            Model model,
            HttpServletResponse response,
            java.util.function.IntConsumer setVersion) {
        setVersion.accept(conflict.currentVersion());
        model.addAttribute("conflict", changeLines.of(conflict.changes()));
        response.setStatus(HttpStatus.CONFLICT.value());
    }

    /** The organisation if the person may edit its listings; 404 if they may not know it, 403 if they may not edit. */
    Organisation editable(String slug, PortalUser user) {
        return access.editable(slug, user);
    }

    Listing listing(String slug, String key, PortalUser user, Model model) {
        Organisation organisation = editable(slug, user);
        Listing listing = editor.find(organisation.id(), key).orElseThrow(ListingNotFound::new);
        model.addAttribute("organisation", organisation);
        model.addAttribute("listing", listing);
        return listing;
    }

    static EvidenceItem evidenceItem(Listing listing, long evidenceId, Model model) {
        EvidenceItem item = listing.evidence().stream()
                .filter(e -> e.id() == evidenceId)
                .findFirst()
                .orElseThrow(ListingNotFound::new);
        model.addAttribute("evidence", item);
        return item;
    }

    static <T> T item(List<T> items, int index) {
        if (items == null || index < 0 || index >= items.size()) {
            throw new ListingNotFound();
        }
        return items.get(index);
    }

    static String siteUrl(String slug, String key) {
        return "/organisations/" + slug + "/sites/" + key + "/modifier";
    }
}
