package fr.guichetbio.portal.catalogue.moderation.web;

import fr.guichetbio.portal.catalogue.moderation.RegisterExtract;
import fr.guichetbio.portal.identity.PortalUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /admin/moderation/registre} (platform admins, like all of {@code /admin/**}): upload a register extract (CSV),
 * dry run ticked by default, and read the report — matches, mismatches with their differing fields, unknown
 * references, or every error of the file by line and column (422, nothing applied). The sample extract, consistent
 * with the demo catalogue, is downloadable next to the form.
 */
@Controller
class RegisterExtractController {

    /** The sample extract; {@code RegisterExtractTest} checks it against the demo catalogue. */
    static final String SAMPLE = "catalogue/demo/register-extract.csv";

    private static final String VIEW = "admin/moderation/register";

    private final RegisterExtract registerExtract;

    RegisterExtractController(RegisterExtract registerExtract) {
        this.registerExtract = registerExtract;
    }

    @GetMapping("/admin/moderation/registre")
    String form(Model model) {
        model.addAttribute("dryRun", true);
        return VIEW;
    }

    @PostMapping("/admin/moderation/registre")
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @AuthenticationPrincipal PortalUser moderator,
            Locale locale,
            Model model,
            HttpServletResponse response)
            throws IOException {
        model.addAttribute("dryRun", dryRun);
        if (file == null || file.isEmpty()) {
            model.addAttribute("noFile", true);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return VIEW;
        }
        RegisterExtract.Report report = registerExtract.importExtract(moderator, file.getBytes(), dryRun, locale);
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        if (!report.ok()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return VIEW;
    }

    @GetMapping("/admin/moderation/registre/exemple.csv")
    ResponseEntity<byte[]> sample() throws IOException {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"extrait-registre-exemple.csv\"")
                .body(new ClassPathResource(SAMPLE).getContentAsByteArray());
    }
}
