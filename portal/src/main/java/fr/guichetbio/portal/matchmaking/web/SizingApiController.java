package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.matchmaking.sizing.CellTherapySizing;
import fr.guichetbio.portal.matchmaking.sizing.ProteinSizing;
import fr.guichetbio.portal.matchmaking.sizing.Sizing;
import fr.guichetbio.portal.matchmaking.sizing.SizingParameters;
import fr.guichetbio.portal.matchmaking.sizing.SizingProblem;
import fr.guichetbio.portal.matchmaking.sizing.ViralVectorSizing;
import fr.guichetbio.portal.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dimensionnement}: the calculator's result and steps as JSON, with the page's parameters (a page URL
 * turns into an API call by replacing {@code /mise-en-relation/dimensionnement} with {@code /api/dimensionnement});
 * anonymous. Its OpenAPI description is generated from the annotations below (served at {@code /api/openapi}).
 */
@RestController
@Tag(name = "Capacity sizing", description = "The calculator of /mise-en-relation/dimensionnement")
class SizingApiController {

    static final String PATH = "/api/dimensionnement";

    /**
     * The JSON answer.
     *
     * @param parameters the request in its canonical form: what a brief will be prefilled from
     * @param page the calculator page showing the same result
     */
    @Schema(requiredProperties = {"modality", "parameters", "page", "sizing"})
    record SizingAnswer(
            @Schema(allowableValues = {"proteines", "vecteurs-viraux", "therapies-cellulaires"})
            String modality,

            @Schema(
                    description = "The request in its canonical form (the same values however they were typed):"
                            + " what a brief is prefilled from")
            Map<String, String> parameters,

            @Schema(description = "The calculator page showing this result")
            String page,

            @Schema(
                    description = """
                                    The headline figures of the modality (batchesPerYear always; litresPerYear, \
                                    litresNeeded, trains, singleTrainLitres, standardBelow, standardAbove, options \
                                    for proteins; dosePerPatient, releasedPerYear, harvestedPerYear for vectors; \
                                    suites, suiteDaysPerYear for cell therapies), the request, and every step \
                                    (name, operands and result, each a value with its unit: KG, G_PER_L, PERCENT, \
                                    LITRES, LITRES_PER_YEAR, BATCHES_PER_YEAR, TRAINS, VG_PER_L, SUITES…)""",
                    oneOf = {ProteinSizing.class, ViralVectorSizing.class, CellTherapySizing.class})
            Sizing sizing) {}

    @Operation(summary = "Size a production need (batches, litres, trains, cleanroom suites a year)", description = """
                    One calculation per modality ('modalite'); each takes its own parameters, all required except the \
                    choices (vecteur, base, type), which default to AAV, kg and autologue. Numbers accept a decimal \
                    comma or point, spaces between thousands and powers of ten (1e14, 1×10^14). Ranges refuse zero, \
                    negative and absurd values; a refused field is named in 'errors' with its range and unit. \
                    Batches, trains and suites are rounded up.

                    Proteins: product per batch = volume × titre × yield ÷ 1,000; batches = ⌈quantity ÷ product per \
                    batch ÷ success⌉; trains = ⌈batches ÷ (cadence × months)⌉. Viral vectors: litres = dose per \
                    patient × patients ÷ yield ÷ productivity ÷ success; batches = ⌈litres ÷ volume⌉. Cell therapies: \
                    batches = ⌈patients ÷ doses per batch ÷ success⌉ (one dose per batch when autologous); suites = \
                    ⌈batches × duration ÷ (days × batches in parallel)⌉.""")
    // The query parameters are documented by SizingParameters.documentation(), next to their rules.
    @ApiResponse(
            responseCode = "200",
            description = "The result, every step with its operands, and the request in its canonical form",
            content = @Content(schema = @Schema(implementation = SizingAnswer.class)))
    @ProblemResponse(
            value = 400,
            description = "A missing, unreadable or out-of-range parameter: each in 'errors' (field, kind"
                    + " REQUIRED|NUMBER|WHOLE|RANGE|CHOICE, message, and for numbers min, max, unit)",
            example = """
                    {"type":"about:blank","title":"Bad Request","status":400,"detail":"Invalid sizing parameters",\
                    "instance":"/api/dimensionnement","errors":[{"field":"titre","kind":"RANGE",\
                    "message":"between 0.01 and 20","min":0.01,"max":20,"unit":"G_PER_L"}]}""")
    @ProblemResponse(429)
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> size(
            @Parameter(hidden = true) @RequestParam Map<String, String> raw, HttpServletRequest request) {
        SizingParameters.Parsed parsed = SizingParameters.parse(raw);
        if (!parsed.valid()) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid sizing parameters");
            problem.setInstance(URI.create(request.getRequestURI()));
            problem.setProperty(
                    "errors",
                    parsed.problems().stream().map(SizingApiController::error).toList());
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        Map<String, String> parameters = parsed.request().parameters();
        return ResponseEntity.ok(new SizingAnswer(
                parsed.modality().parameter(),
                parameters,
                SizingController.PATH + SizingController.query(parameters),
                parsed.request().size()));
    }

    /** A field's problem: its name, the kind, an English message and, for numbers, the range and unit. */
    private static Map<String, Object> error(SizingProblem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", problem.parameter());
        error.put("kind", problem.kind().name());
        error.put("message", problem.detail());
        if (problem.input() != null) {
            error.put("min", problem.input().min());
            error.put("max", problem.input().max());
            error.put("unit", problem.input().unit().name());
        }
        return error;
    }
}
