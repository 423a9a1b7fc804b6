package fr.guichetbio.portal.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.guichetbio.catalogue.index.search.CatalogueQuery;
import fr.guichetbio.catalogue.index.search.CatalogueResults;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import fr.guichetbio.catalogue.index.search.QueryTerm;
import fr.guichetbio.catalogue.index.search.SearchUnavailableException;
import fr.guichetbio.portal.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search}: the search page's results as JSON, with the same parameters; anonymous, limited per client
 * IP (per API client with a token) by the API chain's rate limit. Its OpenAPI description is generated from the
 * annotations below (served at {@code /api/openapi}).
 */
@RestController
@Tag(
        name = "Catalogue search",
        description = "The public catalogue of bioproduction sites, as the search page shows it")
class SearchApiController {

    private final CatalogueSearch search;
    private final Gazetteer gazetteer;
    private final QueryInterpreter interpreter;

    SearchApiController(CatalogueSearch search, Gazetteer gazetteer, QueryInterpreter interpreter) {
        this.search = search;
        this.gazetteer = gazetteer;
        this.interpreter = interpreter;
    }

    /**
     * The JSON answer.
     *
     * @param terms how the text was read: each part and the condition it became
     * @param droppedTerms the parts the results do not meet (as typed): empty unless no site met them all
     * @param facets empty with {@code facettes=non}
     */
    @Schema(requiredProperties = {"total", "page", "size", "terms", "droppedTerms", "results", "facets"})
    record SearchAnswer(
            @Schema(description = "Matching sites, all pages")
            long total,

            int page,
            int size,

            @Schema(description = "The commune 'lieu' resolved to", nullable = true)
            Place place,

            @Schema(description = "How 'q' was read, part by part, in the order typed")
            List<Term> terms,

            @Schema(
                    description = "The parts of 'q' (as typed) that the results do not meet: empty unless no site met"
                            + " every part, in which case the results are those meeting the others")
            List<String> droppedTerms,

            List<Result> results,

            @Schema(
                    description = "Per facet parameter (modalite, service, stade, systeme, technologie, echelle,"
                            + " verification, region, type, trimestre), its values with the number of"
                            + " sites each would give, counted with the other facets' filters applied;"
                            + " empty with facettes=non")
            Map<String, List<CatalogueResults.Bucket>> facets,

            @Schema(description = "The text with misspelt words corrected, when few sites match", nullable = true)
            String suggestion) {}

    /**
     * A part of the text: {@code kind} concept (with the facet {@code parameter} and its {@code values}), place (a town:
     * {@code name}, {@code radiusKm}), department ({@code name}), volume ({@code minimumLitres}), gmp, or word.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"text", "kind"})
    record Term(
            @Schema(description = "The part as typed") String text,

            @Schema(allowableValues = {"concept", "place", "department", "volume", "gmp", "word"})
            String kind,

            @Schema(
                    description = "concept: the facet parameter it filters (modalite, service, stade, systeme,"
                            + " technologie, type, region)")
            String parameter,

            @Schema(description = "concept: the codes, any of which a site must carry")
            List<String> values,

            @Schema(description = "place or department: its official name")
            String name,

            @Schema(description = "place: sites within this distance of the town's centre (or in the town)")
            Integer radiusKm,

            @Schema(description = "volume: the smallest largest-bioreactor working volume accepted")
            Double minimumLitres) {

        static Term of(QueryTerm term) {
            return switch (term) {
                case QueryTerm.Concept c ->
                    new Term(
                            c.text(),
                            "concept",
                            SearchParameters.FacetParameter.of(c.facet()).parameter,
                            c.codes(),
                            null,
                            null,
                            null);
                case QueryTerm.Place p -> new Term(p.text(), "place", null, null, p.name(), p.radiusKm(), null);
                case QueryTerm.Department d -> new Term(d.text(), "department", null, null, d.name(), null, null);
                case QueryTerm.MinimumVolume v -> new Term(v.text(), "volume", null, null, null, null, v.litres());
                case QueryTerm.Gmp g -> new Term(g.text(), "gmp", null, null, null, null, null);
                case QueryTerm.Word w -> new Term(w.text(), "word", null, null, null, null, null);
            };
        }
    }

    /** The commune a {@code lieu} resolved to. */
    record Place(String name, String inseeCode, double lat, double lon, int radiusKm) {}

    record Result(
            String key,

            @Schema(description = "The site's public page", example = "/sites/demo-cdmo-lyon")
            String url,

            String name,
            String organisationName,
            String organisationSlug,
            String city,

            @Schema(description = "INSEE region code", nullable = true)
            String regionCode,

            String country,

            @Schema(description = "Modality codes (MAB, AAV, MRNA_LNP…)")
            List<String> modalities,

            @Schema(description = "Production technology codes the site declares")
            List<String> technologies,

            @Schema(description = "Working volume of the largest bioreactor (L)")
            double largestVolumeLitres,

            @Schema(
                    description = "Best GMP verification level",
                    allowableValues = {"SELF_DECLARED", "DOCUMENT_CHECKED", "REGISTRY_MATCHED"})
            String verification,

            @Schema(description = "First day of the soonest open slot", nullable = true)
            LocalDate nextSlotFrom,

            @Schema(description = "Distance from 'lieu' (km)", nullable = true)
            Double distanceKm) {}

    @Operation(summary = "Search the public catalogue of bioproduction sites", description = """
                    The results of the search page (/recherche) as JSON, with the same parameters: a search URL of the \
                    page becomes an API call by replacing /recherche with /api/search. Anonymous calls are allowed \
                    and limited per client IP; calls with an API client's bearer token are limited per client.""")
    // The query parameters are documented by SearchParameters.documentation(), next to their rules.
    @ApiResponse(
            responseCode = "200",
            description = "One page of results, the facet counts and, when few sites match, a spelling suggestion",
            content = @Content(schema = @Schema(implementation = SearchAnswer.class)))
    @ProblemResponse(
            value = 400,
            description = "An invalid parameter (unknown code, bad number, unknown place…), each named in 'errors'",
            example = """
                    {"type":"about:blank","title":"Bad Request","status":400,"detail":"Invalid search parameters",\
                    "instance":"/api/search","errors":[{"field":"echelle","message":"Unknown value: 3"}]}""")
    @ProblemResponse(429)
    @ProblemResponse(
            value = 503,
            description = "Search temporarily unavailable (Elasticsearch down); the catalogue stays readable at"
                    + " /catalogue/parcourir and /catalogue/export.json")
    @GetMapping(path = "/api/search", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> search(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> raw, HttpServletRequest request) {
        SearchParameters.Parsed parsed = SearchParameters.parse(raw, gazetteer, interpreter);
        if (!parsed.problems().isEmpty()) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid search parameters");
            problem.setProperty(
                    "errors",
                    parsed.problems().stream()
                            .map(p -> Map.of("field", p.parameter(), "message", p.detail()))
                            .toList());
            return problem(problem, request);
        }
        CatalogueResults results;
        try {
            results = search.search(parsed.query());
        } catch (SearchUnavailableException e) {
            return problem(
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "Search is temporarily unavailable; the catalogue can still be read at /catalogue/export.json"),
                    request);
        }
        CatalogueQuery query = parsed.query();
        Map<String, List<CatalogueResults.Bucket>> facets = new LinkedHashMap<>();
        if (query.facets()) {
            for (SearchParameters.FacetParameter facet : SearchParameters.FacetParameter.values()) {
                facets.put(facet.parameter, results.facets().getOrDefault(facet.facet, List.of()));
            }
        }
        Place place = parsed.place() == null
                ? null
                : new Place(
                        parsed.place().name(),
                        parsed.place().inseeCode(),
                        parsed.place().lat(),
                        parsed.place().lon(),
                        parsed.radius());
        List<Result> hits = results.hits().stream()
                .map(h -> new Result(
                        h.key(),
                        "/sites/" + h.key(),
                        h.name(),
                        h.organisationName(),
                        h.organisationSlug(),
                        h.city(),
                        h.regionCode(),
                        h.country(),
                        h.modalities(),
                        h.technologies(),
                        h.largestVolumeLitres(),
                        h.verification(),
                        h.nextSlotFrom(),
                        h.distanceKm()))
                .toList();
        String text = parsed.parameters().getFirst(SearchParameters.TEXT);
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new SearchAnswer(
                        results.total(),
                        query.page() + 1,
                        query.size(),
                        place,
                        query.terms().stream().map(Term::of).toList(),
                        results.dropped().stream().map(QueryTerm::text).toList(),
                        hits,
                        facets,
                        text == null ? null : SearchText.corrected(text, results.corrections())));
    }

    private static ResponseEntity<?> problem(ProblemDetail detail, HttpServletRequest request) {
        detail.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(detail.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(detail);
    }
}
