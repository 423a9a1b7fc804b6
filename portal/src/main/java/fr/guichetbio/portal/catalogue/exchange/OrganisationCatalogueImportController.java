package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.OrganisationNotFound;
import fr.guichetbio.portal.organisation.Organisations;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /organisations/{slug}/catalogue/import}: an organisation's admins (and platform admins) import the
 * organisation's own catalogue from a catalogue/v1 file, with the same form, dry run, report and background jobs as
 * the back office. The document may describe this organisation only (as for its API clients); it is an
 * organisation's import, so it never raises a verification level (see {@link CatalogueImport}). Other members get a
 * 403, checked before the file is read.
 */
@Controller
class OrganisationCatalogueImportController {

    private static final String VIEW = "catalogue/organisation-import";

    private final ImportUploads uploads;
    private final Organisations organisations;
    private final OrganisationAccess access;

    OrganisationCatalogueImportController(
            ImportUploads uploads, Organisations organisations, OrganisationAccess access) {
        this.uploads = uploads;
        this.organisations = organisations;
        this.access = access;
    }

    @GetMapping("/organisations/{slug}/catalogue/import")
    String form(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = manageable(slug, user);
        model.addAttribute("organisation", organisation);
        return uploads.form(VIEW, model);
    }

    @PostMapping("/organisations/{slug}/catalogue/import")
    String upload(
            @PathVariable String slug,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @AuthenticationPrincipal PortalUser user,
            Locale locale,
            Model model,
            HttpServletResponse response)
            throws IOException {
        Organisation organisation = manageable(slug, user);
        model.addAttribute("organisation", organisation);
        CatalogueImport.Options options = new CatalogueImport.Options(dryRun, organisation.id(), null, user.personId());
        return uploads.upload(
                new ImportUploads.Upload(VIEW, file, options, organisation.id(), url(organisation)),
                locale,
                model,
                response);
    }

    /** A background import of this organisation: its progress, refreshed, then its report. */
    @GetMapping("/organisations/{slug}/catalogue/import/{id}")
    String job(
            @PathVariable String slug, @PathVariable long id, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = manageable(slug, user);
        model.addAttribute("organisation", organisation);
        return uploads.job(id, organisation.id(), url(organisation), model, OrganisationNotFound::new);
    }

    private static String url(Organisation organisation) {
        return "/organisations/" + organisation.slug() + "/catalogue/import";
    }

    /** The organisation, if the person administers it (or is a platform admin): 404 when hidden, else 403. */
    private Organisation manageable(String slug, PortalUser user) {
        return access.manageable(slug, user);
    }
}
