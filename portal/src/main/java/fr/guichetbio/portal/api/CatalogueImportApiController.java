package fr.guichetbio.portal.api;

import fr.guichetbio.portal.apiclient.ApiClientPrincipal;
import fr.guichetbio.portal.catalogue.CatalogueImport;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/catalogue/import[?dryRun=true]} (scope {@code catalogue:write}): imports a catalogue/v1 document
 * describing the client's own organisation only. 200 with the report; 422 problem with {@code errors: [{pointer,
 * message}]} when the document is invalid; 403 problem when it names another organisation. Messages follow
 * {@code Accept-Language} (French by default).
 */
@RestController
class CatalogueImportApiController {

    private final CatalogueImport catalogueImport;
    private final MessageSource messages;

    CatalogueImportApiController(CatalogueImport catalogueImport, MessageSource messages) {
        this.catalogueImport = catalogueImport;
        this.messages = messages;
    }

    @PostMapping(path = "/api/catalogue/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importCatalogue(
            @RequestBody String document,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @AuthenticationPrincipal ApiClientPrincipal client,
            HttpServletRequest request,
            Locale locale) {
        CatalogueImport.Options options =
                new CatalogueImport.Options(dryRun, client.organisationId(), client.clientId(), null);
        try {
            CatalogueImport.Report report = catalogueImport.importDocument(document, options, locale);
            if (!report.ok()) {
                return problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        messages.getMessage("catalogue.import.problem.invalid", null, locale),
                        report,
                        request);
            }
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(report);
        } catch (CatalogueImport.ForeignOrganisation foreign) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(
                    HttpStatus.FORBIDDEN, messages.getMessage("catalogue.import.problem.forbidden", null, locale));
            detail.setProperty("errors", foreign.errors());
            return answer(detail, request);
        }
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String text, CatalogueImport.Report report, HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, text);
        detail.setProperty("errors", report.errors());
        return answer(detail, request);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail detail, HttpServletRequest request) {
        detail.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(detail.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(detail);
    }
}
