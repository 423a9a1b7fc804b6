package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.listing.PublicDocuments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Public downloads of the catalogue: {@code /catalogue/export.json} (catalogue/v1) and {@code /catalogue/export.csv},
 * with {@code ETag} and {@code Last-Modified}, built once per catalogue state ({@link PublicDocuments}).
 */
@RestController
@Tag(name = "Catalogue exchange", description = "The catalogue/v1 exchange format, in and out")
class CatalogueExportController {

    private final CatalogueExport export;
    private final PublicDocuments documents;

    CatalogueExportController(CatalogueExport export, PublicDocuments documents) {
        this.export = export;
        this.documents = documents;
    }

    @Operation(
            summary = "The public catalogue as a catalogue/v1 document",
            description = "Every public organisation and site, public fields only; ETag and Last-Modified (304).")
    @ApiResponse(
            responseCode = "200",
            description = "The document, as a download (catalogue.json)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag or date sent")
    @GetMapping("/catalogue/export.json")
    ResponseEntity<byte[]> json(ServletWebRequest request) {
        return documents
                .conditional(request, "export.json", () -> export.json().getBytes(StandardCharsets.UTF_8))
                .map(body -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"catalogue.json\"")
                        .body(body))
                // 304: the response is complete (status and validators).
                .orElse(null);
    }

    @Operation(
            summary = "The public catalogue as CSV",
            description = "One row per site, public fields only; ETag and Last-Modified (304).")
    @ApiResponse(
            responseCode = "200",
            description = "The table, as a download (catalogue.csv)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag or date sent")
    @GetMapping("/catalogue/export.csv")
    ResponseEntity<byte[]> csv(ServletWebRequest request) {
        return documents
                .conditional(request, "export.csv", () -> export.csv().getBytes(StandardCharsets.UTF_8))
                .map(body -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"catalogue.csv\"")
                        .body(body))
                .orElse(null);
    }
}
