package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.identity.PortalUser;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /admin/catalogue/import} (platform admins, like all of {@code /admin/**}): upload a catalogue/v1 file, with a
 * dry-run option, and see the report — every error with its JSON pointer, or what was (or would be) created, updated,
 * removed or left unchanged. Any organisation may be imported here, and the document's verification levels are
 * written as claimed (a trusted import, see {@link CatalogueImport}). Large files are imported in the background:
 * the answer is a redirect to the job's page ({@code /admin/catalogue/import/{id}}), which shows the progress and then
 * the same report.
 */
@Controller
class AdminCatalogueImportController {

    private static final String VIEW = "admin/catalogue/import";

    private final CatalogueImportJobs jobs;

    AdminCatalogueImportController(CatalogueImportJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/admin/catalogue/import")
    String form(Model model) {
        model.addAttribute("dryRun", true);
        ImportUploads.limits(model, jobs);
        return VIEW;
    }

    @PostMapping("/admin/catalogue/import")
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @AuthenticationPrincipal PortalUser admin,
            Locale locale,
            Model model,
            HttpServletResponse response)
            throws IOException {
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
        CatalogueImport.Options options = new CatalogueImport.Options(dryRun, null, null, admin.personId());
        CatalogueImport.Report report;
        try {
            // A document that could not be read is reported at once, without a job.
            if (jobs.inBackground(file.getSize()) && document.get().errors().isEmpty()) {
                long job = jobs.start(document.get(), file.getOriginalFilename(), options, null, locale);
                return "redirect:/admin/catalogue/import/" + job;
            }
            report = jobs.importNow(document.get(), file.getOriginalFilename(), options, null, locale)
                    .report();
        } catch (CatalogueImportJobs.TooManyImports busy) {
            ImportUploads.busy(busy, model, response);
            return VIEW;
        }
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        if (!report.ok()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return VIEW;
    }

    /** A background import: its progress, refreshed, then its report. */
    @GetMapping("/admin/catalogue/import/{id}")
    String job(@PathVariable long id, Model model) {
        CatalogueImportJobs.Job job =
                jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("job", job);
        model.addAttribute("refreshSeconds", job.finished() ? null : 2);
        model.addAttribute("jobUrl", "/admin/catalogue/import/" + id);
        model.addAttribute("importUrl", "/admin/catalogue/import");
        return "catalogue/import-job";
    }
}
