package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.listing.PublicDocuments;
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
class CatalogueExportController {

    private final CatalogueExport export;
    private final PublicDocuments documents;

    CatalogueExportController(CatalogueExport export, PublicDocuments documents) {
        this.export = export;
        this.documents = documents;
    }

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
