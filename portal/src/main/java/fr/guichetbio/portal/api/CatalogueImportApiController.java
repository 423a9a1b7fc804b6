package fr.guichetbio.portal.api;

import fr.guichetbio.portal.apiclient.ApiClientPrincipal;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImportJobs;
import fr.guichetbio.portal.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/catalogue/import[?dryRun=true]} (scope {@code catalogue:write}): imports a catalogue/v1 document
 * describing the client's own organisation only. 200 with the report; 422 problem with {@code errors: [{pointer,
 * message}]} when the document is invalid or describes more sites than an import accepts; 403 problem when it names
 * another organisation; 413 problem when the body is larger than {@code guichet.catalogue.import-limits
 * .max-document-size} (refused from its {@code Content-Length} before reading, or once that much was read); 429 (an
 * import of the organisation is in progress) or 503 (too many imports on the portal) with {@code Retry-After}.
 * The body is parsed once, from the stream. Messages follow {@code Accept-Language} (French by default).
 */
@RestController
@Tag(name = "Catalogue exchange", description = "The catalogue/v1 exchange format, in and out")
class CatalogueImportApiController {

    private final CatalogueImportJobs jobs;
    private final MessageSource messages;

    CatalogueImportApiController(CatalogueImportJobs jobs, MessageSource messages) {
        this.jobs = jobs;
        this.messages = messages;
    }

    @Operation(
            summary = "Import the client's own organisation's catalogue (catalogue/v1)",
            description = """
                    A catalogue/v1 document (the JSON schema of shared/contracts/catalogue-v1.schema.json; the \
                    public export /catalogue/export.json is one) describing the client's own organisation only. \
                    dryRun=true checks and reports without writing. Claimed verification levels are not applied \
                    and a new name or website goes to review: both are in 'warnings'. Messages follow \
                    Accept-Language (French by default).""",
            security = @SecurityRequirement(name = ApiDocumentation.API_CLIENT, scopes = "catalogue:write"),
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "A catalogue/v1 document",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(type = "object"))))
    @ApiResponse(
            responseCode = "200",
            description = "The report: changes[], warnings[] (with their JSON pointers)",
            content = @Content(schema = @Schema(implementation = CatalogueImport.Report.class)))
    @ProblemResponse(401)
    @ProblemResponse(
            value = 403,
            description = "A document of another organisation, more than one organisation, or no scope catalogue:write")
    @ProblemResponse(
            value = 413,
            description = "A document over the size limit (refused from Content-Length before reading)")
    @ProblemResponse(
            value = 422,
            description =
                    "An invalid document: each error in 'errors' (pointer, message); nothing written (also: more sites than the limit)")
    @ProblemResponse(value = 429, description = "An import of the organisation is in progress; Retry-After")
    @ProblemResponse(value = 503, description = "Too many imports in progress on the portal; Retry-After")
    @PostMapping(path = "/api/catalogue/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importCatalogue(
            @Parameter(description = "true: check and report, write nothing") @RequestParam(defaultValue = "false")
                    boolean dryRun,
            @AuthenticationPrincipal ApiClientPrincipal client,
            HttpServletRequest request,
            Locale locale)
            throws IOException {
        long max = jobs.limits().maxDocumentSize().toBytes();
        if (request.getContentLengthLong() > max) {
            return tooLarge(max, locale, request);
        }
        CatalogueImport.Parsed document;
        try (InputStream body = request.getInputStream()) {
            document = jobs.read(body, locale);
        } catch (CatalogueImport.DocumentTooLarge tooLarge) {
            return tooLarge(max, locale, request);
        }
        CatalogueImport.Options options =
                new CatalogueImport.Options(dryRun, client.organisationId(), client.clientId(), null);
        CatalogueImportJobs.Done done;
        try {
            done = jobs.importNow(document, null, options, client.organisationId(), locale);
        } catch (CatalogueImportJobs.TooManyImports busy) {
            boolean own = busy.busy() == CatalogueImportJobs.Busy.ORGANISATION;
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(
                    own ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE,
                    messages.getMessage(
                            own ? "catalogue.import.busy.organisation" : "catalogue.import.busy.portal", null, locale));
            return answer(detail, request, RETRY_AFTER_SECONDS);
        }
        if (done.forbidden()) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(
                    HttpStatus.FORBIDDEN, messages.getMessage("catalogue.import.problem.forbidden", null, locale));
            detail.setProperty("errors", done.report().errors());
            return answer(detail, request);
        }
        if (!done.report().ok()) {
            return problem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    messages.getMessage("catalogue.import.problem.invalid", null, locale),
                    done.report(),
                    request);
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(done.report());
    }

    /** Seconds a refused client is told to wait: about what a large import takes. */
    static final int RETRY_AFTER_SECONDS = 60;

    private ResponseEntity<ProblemDetail> tooLarge(long max, Locale locale, HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                messages.getMessage("catalogue.import.problem.tooLarge", new Object[] {max}, locale));
        detail.setProperty("maxBytes", max);
        return answer(detail, request);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String text, CatalogueImport.Report report, HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, text);
        detail.setProperty("errors", report.errors());
        return answer(detail, request);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail detail, HttpServletRequest request) {
        return answer(detail, request, 0);
    }

    private static ResponseEntity<ProblemDetail> answer(
            ProblemDetail detail, HttpServletRequest request, int retryAfterSeconds) {
        detail.setInstance(URI.create(request.getRequestURI()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(detail.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (retryAfterSeconds > 0) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return response.body(detail);
    }
}
