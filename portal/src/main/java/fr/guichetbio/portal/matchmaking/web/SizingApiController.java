package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.matchmaking.sizing.Sizing;
import fr.guichetbio.portal.matchmaking.sizing.SizingParameters;
import fr.guichetbio.portal.matchmaking.sizing.SizingProblem;
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
 * anonymous. Documented in {@code /api/openapi.yaml}.
 */
@RestController
class SizingApiController {

    static final String PATH = "/api/dimensionnement";

    /**
     * The JSON answer.
     *
     * @param parameters the request in its canonical form: what a brief will be prefilled from
     * @param page the calculator page showing the same result
     */
    record SizingAnswer(String modality, Map<String, String> parameters, String page, Sizing sizing) {}

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> size(@RequestParam Map<String, String> raw, HttpServletRequest request) {
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
