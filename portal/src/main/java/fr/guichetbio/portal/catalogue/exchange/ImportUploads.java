package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.exchange.CatalogueImportJobs.Busy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;

/**
 * The one implementation of the two import pages (an organisation's, the back office's), which differ only in who
 * imports (their {@link CatalogueImport.Options}), their view and their URLs: the form with its limits, the upload
 * read once within them (the file field's error, with 413 for a file too large, 429 when the organisation already has
 * an import in progress, 503 when the portal has too many), imported at once or as a background job, and the job's
 * page.
 */
@Component
class ImportUploads {

    /** Seconds a refused importer is told to wait: about what a large import takes. */
    static final int RETRY_AFTER_SECONDS = 60;

    /**
     * One upload: where its answer is rendered ({@code view}), who imports ({@code options}, and {@code organisationId}
     * whose job it is, {@code null} for the back office), and the URL of the import page, under which its jobs live.
     */
    record Upload(String view, MultipartFile file, CatalogueImport.Options options, Long organisationId, String url) {}

    private final CatalogueImportJobs jobs;

    ImportUploads(CatalogueImportJobs jobs) {
        this.jobs = jobs;
    }

    /** The empty form: a dry run by default, the limits in its hint. */
    String form(String view, Model model) {
        model.addAttribute("dryRun", true);
        model.addAttribute("importLimits", jobs.limits());
        return view;
    }

    /**
     * Imports the uploaded file: the page with its report (422 when refused, 403 when it describes another
     * organisation), or a redirect to its job's page when it is large enough to run in the background.
     */
    String upload(Upload upload, Locale locale, Model model, HttpServletResponse response) throws IOException {
        MultipartFile file = upload.file();
        model.addAttribute("dryRun", upload.options().dryRun());
        model.addAttribute("importLimits", jobs.limits());
        if (file == null || file.isEmpty()) {
            model.addAttribute("noFile", true);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return upload.view();
        }
        Optional<CatalogueImport.Parsed> document = read(file, locale, model, response);
        if (document.isEmpty()) {
            return upload.view();
        }
        CatalogueImportJobs.Done done;
        try {
            // A document that could not be read is reported at once, without a job.
            if (jobs.inBackground(file.getSize()) && document.get().errors().isEmpty()) {
                long job = jobs.start(
                        document.get(), file.getOriginalFilename(), upload.options(), upload.organisationId(), locale);
                return "redirect:" + upload.url() + "/" + job;
            }
            done = jobs.importNow(
                    document.get(), file.getOriginalFilename(), upload.options(), upload.organisationId(), locale);
        } catch (CatalogueImportJobs.TooManyImports busy) {
            busy(busy, response, model);
            return upload.view();
        }
        CatalogueImport.Report report = done.report();
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        if (done.forbidden()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
        } else if (!report.ok()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return upload.view();
    }

    /**
     * A background import's page: its progress, refreshed, then its report. Only the jobs of {@code organisationId}
     * ({@code null}: any job) are found, else {@code notFound}.
     */
    String job(long id, Long organisationId, String importUrl, Model model, Supplier<RuntimeException> notFound) {
        CatalogueImportJobs.Job job = jobs.find(id)
                .filter(found -> organisationId == null || organisationId.equals(found.organisationId()))
                .orElseThrow(notFound);
        model.addAttribute("job", job);
        model.addAttribute("refreshSeconds", job.finished() ? null : 2);
        model.addAttribute("jobUrl", importUrl + "/" + id);
        model.addAttribute("importUrl", importUrl);
        return "catalogue/import-job";
    }

    /** The file read within the limits, or empty when it is too large; the declared size is checked first. */
    private Optional<CatalogueImport.Parsed> read(
            MultipartFile file, Locale locale, Model model, HttpServletResponse response) throws IOException {
        if (file.getSize() > jobs.limits().maxDocumentSize().toBytes()) {
            return tooLarge(model, response);
        }
        try (InputStream in = file.getInputStream()) {
            return Optional.of(jobs.read(in, locale));
        } catch (CatalogueImport.DocumentTooLarge tooLarge) {
            return tooLarge(model, response);
        }
    }

    private static void busy(CatalogueImportJobs.TooManyImports busy, HttpServletResponse response, Model model) {
        boolean own = busy.busy() == Busy.ORGANISATION;
        model.addAttribute("fileErrorKey", own ? "catalogue.import.busy.organisation" : "catalogue.import.busy.portal");
        response.setStatus(own ? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }

    private Optional<CatalogueImport.Parsed> tooLarge(Model model, HttpServletResponse response) {
        model.addAttribute("fileErrorKey", "catalogue.import.tooLarge");
        model.addAttribute("fileErrorArgument", jobs.limits().maxDocumentMegabytes());
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        return Optional.empty();
    }
}
