package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.identity.PortalUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    private static final String VIEW = "admin/catalogue/import";

    private static final String URL = "/admin/catalogue/import";

    private final ImportUploads uploads;

    AdminCatalogueImportController(ImportUploads uploads) {
        this.uploads = uploads;
    }

    @GetMapping("/admin/catalogue/import")
    String form(Model model) {
        return uploads.form(VIEW, model);
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
        CatalogueImport.Options options = new CatalogueImport.Options(dryRun, null, null, admin.personId());
        return uploads.upload(new ImportUploads.Upload(VIEW, file, options, null, URL), locale, model, response);
    }

    /** A background import: its progress, refreshed, then its report. */
    @GetMapping("/admin/catalogue/import/{id}")
    String job(@PathVariable long id, Model model) {
        return uploads.job(id, null, URL, model, () -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
