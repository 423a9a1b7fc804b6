package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.course.CourseCatalogue;
import fr.guichetbio.training.path.LearningPaths;
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
    record Course(
            String code,
            String title,
            String summary,
            String language,
            String level,
            int durationMinutes,
            String version,
            int lessons,
            Provider provider,
            List<String> paths,
            String url) {}

    record Courses(int count, List<Course> courses) {}

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> courses(@RequestParam Map<String, String> raw, HttpServletRequest request) {
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
