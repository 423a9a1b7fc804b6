package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.identity.PortalUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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

    private final CatalogueImport catalogueImport;
    private final CatalogueImportJobs jobs;

    AdminCatalogueImportController(CatalogueImport catalogueImport, CatalogueImportJobs jobs) {
        this.catalogueImport = catalogueImport;
        this.jobs = jobs;
    }

    @GetMapping("/admin/catalogue/import")
    String form(Model model) {
        model.addAttribute("dryRun", true);
        return "admin/catalogue/import";
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
        if (file == null || file.isEmpty()) {
            model.addAttribute("noFile", true);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "admin/catalogue/import";
        }
        String document = new String(file.getBytes(), StandardCharsets.UTF_8);
        CatalogueImport.Options options = new CatalogueImport.Options(dryRun, null, null, admin.personId());
        if (jobs.inBackground(file.getSize())) {
            long job = jobs.start(document, file.getOriginalFilename(), options, null, locale);
            return "redirect:/admin/catalogue/import/" + job;
        }
        CatalogueImport.Report report = catalogueImport.importDocument(document, options, locale);
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        if (!report.ok()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "admin/catalogue/import";
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
