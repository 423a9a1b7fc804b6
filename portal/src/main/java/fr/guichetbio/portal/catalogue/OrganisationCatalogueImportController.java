package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationAccess;
import fr.guichetbio.portal.organisation.OrganisationNotFound;
import fr.guichetbio.portal.organisation.Organisations;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
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

    private final CatalogueImportJobs jobs;
    private final Organisations organisations;
    private final OrganisationAccess access;

    OrganisationCatalogueImportController(
            CatalogueImportJobs jobs, Organisations organisations, OrganisationAccess access) {
        this.jobs = jobs;
        this.organisations = organisations;
        this.access = access;
    }

    @GetMapping("/organisations/{slug}/catalogue/import")
    String form(@PathVariable String slug, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = manageable(slug, user);
        model.addAttribute("organisation", organisation);
        model.addAttribute("dryRun", true);
        ImportUploads.limits(model, jobs);
        return VIEW;
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
        model.addAttribute("dryRun", dryRun);
        ImportUploads.limits(model, jobs);
        if (file == null || file.isEmpty()) {
            model.addAttribute("noFile", true);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return VIEW;
        }
        Optional<CatalogueImport.Parsed> document = ImportUploads.read(file, jobs, locale, model, response);
        if (document.isEmpty()) {
            return VIEW;
        }
        CatalogueImport.Options options = new CatalogueImport.Options(dryRun, organisation.id(), null, user.personId());
        CatalogueImportJobs.Done done;
        try {
            // A document that could not be read is reported at once, without a job.
            if (jobs.inBackground(file.getSize()) && document.get().errors().isEmpty()) {
                long job = jobs.start(document.get(), file.getOriginalFilename(), options, organisation.id(), locale);
                return "redirect:/organisations/" + organisation.slug() + "/catalogue/import/" + job;
            }
            done = jobs.importNow(document.get(), file.getOriginalFilename(), options, organisation.id(), locale);
        } catch (CatalogueImportJobs.TooManyImports busy) {
            ImportUploads.busy(busy, model, response);
            return VIEW;
        }
        CatalogueImport.Report report = done.report();
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        if (done.forbidden()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
        } else if (!report.ok()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return VIEW;
    }

    /** A background import of this organisation: its progress, refreshed, then its report. */
    @GetMapping("/organisations/{slug}/catalogue/import/{id}")
    String job(
            @PathVariable String slug, @PathVariable long id, @AuthenticationPrincipal PortalUser user, Model model) {
        Organisation organisation = manageable(slug, user);
        CatalogueImportJobs.Job job = jobs.find(id)
                .filter(found -> Long.valueOf(organisation.id()).equals(found.organisationId()))
                .orElseThrow(OrganisationNotFound::new);
        model.addAttribute("organisation", organisation);
        model.addAttribute("job", job);
        model.addAttribute("refreshSeconds", job.finished() ? null : 2);
        model.addAttribute("jobUrl", "/organisations/" + organisation.slug() + "/catalogue/import/" + id);
        model.addAttribute("importUrl", "/organisations/" + organisation.slug() + "/catalogue/import");
        return "catalogue/import-job";
    }

    /** The organisation, if the person administers it (or is a platform admin): 404 when hidden, else 403. */
    private Organisation manageable(String slug, PortalUser user) {
        return access.manageable(slug, user);
    }
}
