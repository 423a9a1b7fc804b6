package fr.guichetbio.portal.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.guichetbio.catalogue.index.search.CatalogueQuery;
import fr.guichetbio.catalogue.index.search.CatalogueResults;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import fr.guichetbio.catalogue.index.search.QueryTerm;
import fr.guichetbio.catalogue.index.search.SearchUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * IP (per API client with a token) by the API chain's rate limit. Documented in {@code /api/openapi.yaml}.
 */
@RestController
class SearchApiController {

    static final String OPENAPI = "/search/openapi.yaml";

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
    record SearchAnswer(
            long total,
            int page,
            int size,
            Place place,
            List<Term> terms,
            List<String> droppedTerms,
            List<Result> results,
            Map<String, List<CatalogueResults.Bucket>> facets,
            String suggestion) {}

    /**
     * A part of the text: {@code kind} concept (with the facet {@code parameter} and its {@code values}), place (a town:
     * {@code name}, {@code radiusKm}), department ({@code name}), volume ({@code minimumLitres}), gmp, or word.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Term(
            String text,
            String kind,
            String parameter,
            List<String> values,
            String name,
            Integer radiusKm,
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
            String url,
            String name,
            String organisationName,
            String organisationSlug,
            String city,
            String regionCode,
            String country,
            List<String> modalities,
            List<String> technologies,
            double largestVolumeLitres,
            String verification,
            LocalDate nextSlotFrom,
            Double distanceKm) {}

    @GetMapping(path = "/api/search", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> search(@RequestParam MultiValueMap<String, String> raw, HttpServletRequest request) {
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

    /** The hand-written OpenAPI description of the public APIs: search, and the matchmaking module's sizing. */
    @GetMapping(path = "/api/openapi.yaml", produces = "application/yaml")
    ResponseEntity<String> openApi() throws IOException {
        try (InputStream in = SearchApiController.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                return ResponseEntity.notFound().build();
            }
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static ResponseEntity<?> problem(ProblemDetail detail, HttpServletRequest request) {
        detail.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(detail.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(detail);
    }
}
