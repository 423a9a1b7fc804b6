package fr.guichetbio.portal.catalogue;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public downloads of the catalogue: {@code /catalogue/export.json} (catalogue/v1) and {@code /catalogue/export.csv}. */
@RestController
class CatalogueExportController {

    private final CatalogueExport export;

    CatalogueExportController(CatalogueExport export) {
        this.export = export;
    }

    @GetMapping("/catalogue/export.json")
    ResponseEntity<String> json() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"catalogue.json\"")
                .body(export.json());
    }

    @GetMapping("/catalogue/export.csv")
    ResponseEntity<byte[]> csv() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"catalogue.csv\"")
                .body(export.csv().getBytes(StandardCharsets.UTF_8));
    }
}
