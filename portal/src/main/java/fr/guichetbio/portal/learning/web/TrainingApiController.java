package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.web.ProblemResponse;
import fr.guichetbio.training.course.CourseCatalogue;
import fr.guichetbio.training.path.LearningPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/formations}: the published courses, filtered like the page ({@link CourseFilters}), public. An
 * unknown filter value is a {@code 400 application/problem+json} naming the parameter.
 */
@RestController
@Tag(name = "Training", description = "The training catalogue of /formation")
class TrainingApiController {

    static final String PATH = "/api/formations";

    private final CourseCatalogue catalogue;
    private final CourseFilters filters;
    private final LearningPaths paths;
    private final Organisations organisations;
    private final MessageSource messages;

    TrainingApiController(
            CourseCatalogue catalogue,
            CourseFilters filters,
            LearningPaths paths,
            Organisations organisations,
            MessageSource messages) {
        this.catalogue = catalogue;
        this.filters = filters;
        this.paths = paths;
        this.organisations = organisations;
        this.messages = messages;
    }

    record Provider(String slug, String name) {}

    /**
     * A course as listed.
     *
     * @param paths the codes of the learning paths that include it
     * @param url its public page
     */
    @Schema(
            requiredProperties = {
                "code",
                "title",
                "summary",
                "language",
                "level",
                "durationMinutes",
                "version",
                "lessons",
                "paths",
                "url"
            })
    record Course(
            String code,
            String title,
            String summary,
            @Schema(allowableValues = {"fr", "en"}) String language,

            @Schema(allowableValues = {"INTRODUCTORY", "INTERMEDIATE", "ADVANCED"})
            String level,

            int durationMinutes,

            @Schema(description = "major.minor", example = "1.2")
            String version,

            int lessons,

            @Schema(description = "The training provider", nullable = true)
            Provider provider,

            @Schema(description = "The codes of the learning paths that include it")
            List<String> paths,

            @Schema(description = "The course's public page")
            String url) {}

    @Schema(requiredProperties = {"count", "courses"})
    record Courses(int count, List<Course> courses) {}

    @Operation(
            summary = "List the published training courses",
            description = """
                    The courses of the training catalogue (/formation) with the same filters, each by the latest \
                    published version: its description, size, provider and the learning paths that include it. \
                    Public; an unknown filter value is refused with the parameter named in 'errors'.""",
            parameters = {
                @Parameter(
                        name = "role",
                        in = ParameterIn.QUERY,
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {
                                            "USP_OPERATOR",
                                            "DSP_OPERATOR",
                                            "QC_ANALYST",
                                            "QA_ASSISTANT",
                                            "PROCESS_ENGINEER",
                                            "ASEPTIC_FILLING_OPERATOR",
                                            "ATMP_OPERATOR"
                                        }),
                        description = "Courses of that role's learning paths"),
                @Parameter(
                        name = "niveau",
                        in = ParameterIn.QUERY,
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"INTRODUCTORY", "INTERMEDIATE", "ADVANCED"})),
                @Parameter(
                        name = "langue",
                        in = ParameterIn.QUERY,
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"fr", "en"})),
                @Parameter(
                        name = "organisme",
                        in = ParameterIn.QUERY,
                        schema = @Schema(type = "string"),
                        description = "The training provider's slug"),
                @Parameter(
                        name = "duree",
                        in = ParameterIn.QUERY,
                        schema = @Schema(type = "integer", minimum = "1", maximum = "1000"),
                        description = "At most this many hours")
            })
    @ApiResponse(
            responseCode = "200",
            description = "The courses, by title",
            content = @Content(schema = @Schema(implementation = Courses.class)))
    @ProblemResponse(value = 400, description = "An unknown filter value: each in 'errors' (field, message)")
    @ProblemResponse(429)
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> courses(
            @Parameter(hidden = true) @RequestParam Map<String, String> raw, HttpServletRequest request) {
        CourseFilters.Parsed parsed = filters.parse(raw);
        if (!parsed.valid()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid course filter");
            problem.setInstance(URI.create(request.getRequestURI()));
            problem.setProperty(
                    "errors",
                    parsed.errors().entrySet().stream()
                            .map(error -> Map.of(
                                    "field",
                                    error.getKey(),
                                    "message",
                                    messages.getMessage(error.getValue(), null, java.util.Locale.ENGLISH)))
                            .toList());
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var allPaths = paths.all();
        List<CourseCatalogue.Entry> entries = catalogue.published(parsed.filter());
        Map<Long, Organisation> providers = organisations.findAll(
                entries.stream().map(CourseCatalogue.Entry::providerId).toList());
        List<Course> courses = entries.stream()
                .map(entry -> new Course(
                        entry.code(),
                        entry.title(),
                        entry.summary(),
                        entry.language(),
                        entry.level().name(),
                        entry.durationMinutes(),
                        entry.version(),
                        entry.lessons(),
                        Optional.ofNullable(providers.get(entry.providerId()))
                                .map(provider -> new Provider(provider.slug(), provider.name()))
                                .orElse(null),
                        allPaths.stream()
                                .filter(path -> path.courseCodes().contains(entry.code()))
                                .map(path -> path.code())
                                .toList(),
                        TrainingController.CATALOGUE + "/cours/" + entry.code()))
                .toList();
        return ResponseEntity.ok(new Courses(courses.size(), courses));
    }
}
