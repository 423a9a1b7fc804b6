package fr.guichetbio.portal.dashboards.opendata;

import fr.guichetbio.portal.dashboards.ReplicaReads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open data: the page {@code /donnees}, the DCAT-AP catalogue {@code /donnees/catalogue.jsonld} and the files
 * {@code /donnees/{dataset}.csv|json}. Public; rate limited per IP with the other public downloads.
 */
@Controller
class OpenDataController {

    static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final OpenDatasets datasets;
    private final DcatCatalogue dcat;
    private final JsonMapper json;
    private final ReplicaReads replica;

    OpenDataController(OpenDatasets datasets, DcatCatalogue dcat, JsonMapper json, ReplicaReads replica) {
        this.replica = replica;
        this.datasets = datasets;
        this.dcat = dcat;
        this.json = json;
    }

    /** What the page shows of a dataset. */
    record Entry(
            String slug,
            String csvPath,
            String jsonPath,
            java.time.ZonedDateTime modified,
            int rows,
            long csvBytes,
            long jsonBytes) {}

    @GetMapping("/donnees")
    String page(Model model) {
        List<Entry> entries = datasets.listed().stream()
                .map(stored -> new Entry(
                        stored.dataset().slug(),
                        "/donnees/" + stored.dataset().slug() + ".csv",
                        "/donnees/" + stored.dataset().slug() + ".json",
                        stored.modified().atZone(java.time.ZoneId.of("Europe/Paris")),
                        stored.rowCount(),
                        stored.csvBytes(),
                        stored.jsonBytes()))
                .toList();
        model.addAttribute("datasets", entries);
        model.addAttribute("licenceUrl", OpenLicence.URL);
        model.addAttribute("fromReplica", replica.configured());
        return "opendata/index";
    }

    /**
     * Regenerates the datasets now, for a platform administrator who cannot wait for the night (after a correction,
     * or in tests). {@code /admin/**} is for administrators only (security configuration).
     */
    @PostMapping("/admin/donnees/actualisation")
    String refresh(RedirectAttributes redirect) {
        datasets.refreshNow();
        redirect.addFlashAttribute("flashSuccess", "opendata.flash.refreshed");
        return "redirect:/donnees";
    }

    @GetMapping("/donnees/catalogue.jsonld")
    ResponseEntity<byte[]> catalogue() {
        return ResponseEntity.ok()
                .contentType(JSON_LD)
                .cacheControl(CacheControl.noCache())
                .body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(dcat.describe(datasets.listed())));
    }

    @GetMapping("/donnees/{dataset}.csv")
    ResponseEntity<byte[]> csv(@PathVariable("dataset") String slug, ServletWebRequest request) {
        return download(slug, request, CSV, "csv");
    }

    @GetMapping("/donnees/{dataset}.json")
    ResponseEntity<byte[]> json(@PathVariable("dataset") String slug, ServletWebRequest request) {
        return download(slug, request, MediaType.APPLICATION_JSON, "json");
    }

    private ResponseEntity<byte[]> download(
            String slug, ServletWebRequest request, MediaType mediaType, String extension) {
        OpenDatasets.Stored stored = Dataset.bySlug(slug)
                .flatMap(datasets::find)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (request.checkNotModified(stored.modified().toEpochMilli())) {
            // 304: the response is complete (status and validators).
            return null;
        }
        return ResponseEntity.ok()
                .contentType(mediaType)
                .lastModified(stored.modified())
                .cacheControl(CacheControl.noCache())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + slug + "." + extension + "\"")
                // The licence, for a CSV file that cannot say it in its rows without breaking its readers.
                .header(HttpHeaders.LINK, "<" + OpenLicence.URL + ">; rel=\"license\"")
                .body("csv".equals(extension) ? stored.csv() : stored.json());
    }
}
