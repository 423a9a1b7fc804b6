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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /admin/catalogue/import} (platform admins, like all of {@code /admin/**}): upload a catalogue/v1 file, with a
 * dry-run option, and see the report — every error with its JSON pointer, or what was (or would be) created, updated,
 * removed or left unchanged. Any organisation may be imported here.
 */
@Controller
class AdminCatalogueImportController {

    private final CatalogueImport catalogueImport;

    AdminCatalogueImportController(CatalogueImport catalogueImport) {
        this.catalogueImport = catalogueImport;
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
        CatalogueImport.Report report = catalogueImport.importDocument(
                new String(file.getBytes(), StandardCharsets.UTF_8),
                new CatalogueImport.Options(dryRun, null, null, admin.personId()),
                locale);
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        if (!report.ok()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "admin/catalogue/import";
    }
}
