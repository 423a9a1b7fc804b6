package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.catalogue.CatalogueImportJobs.Busy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the two import pages (an organisation's, the back office's) share about an uploaded file: its limits shown on
 * the form, reading it once within them, and the page answer when a limit refuses it (the file field's error, with
 * 413 for a file too large, 429 when the organisation already has an import in progress, 503 when the portal has
 * too many).
 */
final class ImportUploads {

    /** Seconds a refused importer is told to wait: about what a large import takes. */
    static final int RETRY_AFTER_SECONDS = 60;

    private ImportUploads() {}

    /** The limits the form's hint shows. */
    static void limits(Model model, CatalogueImportJobs jobs) {
        model.addAttribute("importLimits", jobs.limits());
    }

    /**
     * The file read within the limits, or empty when it is too large (then the page's model and status say so). The
     * declared size is checked before anything is read.
     */
    static Optional<CatalogueImport.Parsed> read(
            MultipartFile file, CatalogueImportJobs jobs, Locale locale, Model model, HttpServletResponse response)
            throws IOException {
        if (file.getSize() > jobs.limits().maxDocumentSize().toBytes()) {
            return tooLarge(jobs, model, response);
        }
        try (InputStream in = file.getInputStream()) {
            return Optional.of(jobs.read(in, locale));
        } catch (CatalogueImport.DocumentTooLarge tooLarge) {
            return tooLarge(jobs, model, response);
        }
    }

    /** The page's answer to an import refused for the imports in progress. */
    static void busy(CatalogueImportJobs.TooManyImports busy, Model model, HttpServletResponse response) {
        boolean own = busy.busy() == Busy.ORGANISATION;
        model.addAttribute("fileErrorKey", own ? "catalogue.import.busy.organisation" : "catalogue.import.busy.portal");
        response.setStatus(own ? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }

    private static Optional<CatalogueImport.Parsed> tooLarge(
            CatalogueImportJobs jobs, Model model, HttpServletResponse response) {
        model.addAttribute("fileErrorKey", "catalogue.import.tooLarge");
        model.addAttribute("fileErrorArgument", jobs.limits().maxDocumentMegabytes());
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        return Optional.empty();
    }
}
