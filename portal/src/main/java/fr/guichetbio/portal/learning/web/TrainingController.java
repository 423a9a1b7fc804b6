package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.document.PdfDownload;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.authoring.Authoring;
import fr.guichetbio.training.course.CourseCatalogue;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseFiles;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.course.PublishedCourse;
import fr.guichetbio.training.enrolment.Enrolment;
import fr.guichetbio.training.enrolment.Enrolments;
import fr.guichetbio.training.path.LearningPath;
import fr.guichetbio.training.path.LearningPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The training pages: the catalogue of paths and courses with its filters, a path, a course (public), enrolment, a
 * lesson (signed in and enrolled) and "Mes formations". Who may do what is training's rule: the learner comes from
 * the {@link Learners} port, their enrolment from {@link Enrolments}.
 */
@Controller
class TrainingController {

    static final String CATALOGUE = "/formation";
    static final String MINE = "/formation/mes-formations";

    private final CourseCatalogue catalogue;
    private final CourseFilters filters;
    private final Courses courses;
    private final LearningPaths paths;
    private final Enrolments enrolments;
    private final Learners learners;
    private final Organisations organisations;
    private final CourseFiles files;
    private final Authoring authoring;
    private final LessonPages lessonPages;

    TrainingController(
            CourseCatalogue catalogue,
            CourseFilters filters,
            Courses courses,
            LearningPaths paths,
            Enrolments enrolments,
            Learners learners,
            Organisations organisations,
            CourseFiles files,
            Authoring authoring,
            LessonPages lessonPages) {
        this.files = files;
        this.lessonPages = lessonPages;
        this.catalogue = catalogue;
        this.filters = filters;
        this.courses = courses;
        this.paths = paths;
        this.enrolments = enrolments;
        this.learners = learners;
        this.organisations = organisations;
        this.authoring = authoring;
    }

    @GetMapping(CATALOGUE)
    String catalogue(@RequestParam Map<String, String> raw, Model model) {
        CourseFilters.Parsed parsed = filters.parse(raw);
        List<CourseCatalogue.Entry> entries = parsed.valid() ? catalogue.published(parsed.filter()) : List.of();
        model.addAttribute("paths", paths.all());
        model.addAttribute("courses", entries);
        model.addAttribute(
                "filters",
                filters.filters(organisations.findAll(catalogue.providers()).values().stream()
                        .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                        .toList()));
        model.addAttribute(
                "providerNames",
                organisations.namesOf(entries.stream()
                        .map(CourseCatalogue.Entry::providerId)
                        .distinct()
                        .toList()));
        model.addAttribute("filter", parsed.values());
        model.addAttribute("errors", parsed.errors());
        model.addAttribute(
                "instructor", learners.current().map(authoring::authorsAny).orElse(false));
        return "training/catalogue";
    }

    @GetMapping(CATALOGUE + "/parcours/{code}")
    String path(@PathVariable String code, Model model) {
        LearningPath path = paths.byCode(code).orElseThrow(TrainingController::notFound);
        Map<String, CourseCatalogue.Entry> published = catalogue.published(CourseCatalogue.Filter.ALL).stream()
                .collect(Collectors.toMap(CourseCatalogue.Entry::code, entry -> entry));
        model.addAttribute("path", path);
        model.addAttribute(
                "courses",
                path.courseCodes().stream()
                        .filter(published::containsKey)
                        .map(published::get)
                        .toList());
        model.addAttribute("enrolled", enrolledCodes());
        return "training/path";
    }

    @GetMapping(CATALOGUE + "/cours/{code}")
    String course(@PathVariable String code, Model model) {
        PublishedCourse course = courses.latestPublished(code).orElseThrow(TrainingController::notFound);
        Optional<Learner> learner = learners.current();
        Optional<Enrolment> enrolment = learner.flatMap(current -> enrolments.find(current.personId(), code));
        PublishedCourse followed = enrolment
                .filter(e -> e.versionId() != course.versionId())
                .flatMap(e -> courses.version(e.versionId()))
                .orElse(course);
        model.addAttribute("course", followed);
        model.addAttribute("latest", course);
        model.addAttribute(
                "provider", organisations.find(course.providerOrganisationId()).orElse(null));
        model.addAttribute("paths", paths.including(code));
        model.addAttribute("signedIn", learner.isPresent());
        model.addAttribute("enrolment", enrolment.orElse(null));
        Set<String> seen = enrolment.map(e -> enrolments.seenLessons(e.id())).orElse(Set.of());
        model.addAttribute("seen", seen);
        model.addAttribute(
                "moduleSeen",
                followed.content().modules().stream()
                        .map(module -> module.lessons().stream()
                                .filter(lesson -> seen.contains(lesson.key()))
                                .count())
                        .toList());
        return "training/course";
    }

    @PostMapping(CATALOGUE + "/cours/{code}/inscription")
    String enrol(@PathVariable String code, RedirectAttributes redirect) {
        Learner learner = requireLearner();
        if (courses.latestPublished(code).isEmpty()) {
            throw notFound();
        }
        Enrolment enrolment = enrolments.enrol(learner, code);
        redirect.addFlashAttribute("flashSuccess", "training.enrol.done");
        PublishedCourse course = courses.version(enrolment.versionId()).orElseThrow();
        String lesson = enrolment.lastLessonKey() != null
                ? enrolment.lastLessonKey()
                : course.content().lessons().getFirst().key();
        return "redirect:" + lessonPath(code, lesson);
    }

    @GetMapping(CATALOGUE + "/cours/{code}/lecons/{lesson}")
    String lesson(@PathVariable String code, @PathVariable String lesson, Model model, RedirectAttributes redirect) {
        Learner learner = requireLearner();
        Optional<Enrolment> enrolment = enrolments.find(learner.personId(), code);
        if (enrolment.isEmpty()) {
            if (courses.latestPublished(code).isEmpty()) {
                throw notFound();
            }
            redirect.addFlashAttribute("flashError", "training.lesson.enrolFirst");
            return "redirect:" + CATALOGUE + "/cours/" + code;
        }
        PublishedCourse course = courses.version(enrolment.get().versionId()).orElseThrow(TrainingController::notFound);
        List<CourseContent.Lesson> lessons = course.content().lessons();
        CourseContent.Lesson current = course.content().lesson(lesson).orElseThrow(TrainingController::notFound);
        Set<String> seen = enrolments.seen(enrolment.get(), lesson);
        int index = lessons.indexOf(current);
        model.addAttribute("course", course);
        model.addAttribute("lesson", current);
        model.addAttribute("html", lessonPages.html(course, current));
        model.addAttribute("module", moduleOf(course.content(), current));
        model.addAttribute("position", index + 1);
        model.addAttribute("count", lessons.size());
        model.addAttribute("previous", index > 0 ? lessons.get(index - 1) : null);
        model.addAttribute("next", index + 1 < lessons.size() ? lessons.get(index + 1) : null);
        model.addAttribute("seen", seen);
        return "training/lesson";
    }

    /**
     * A file of the course version the learner follows (an image a lesson shows, a document it links to): images
     * inline, PDFs always as a download; never kept by a shared cache.
     */
    @GetMapping(CATALOGUE + "/cours/{code}/fichiers/{name}")
    ResponseEntity<byte[]> file(@PathVariable String code, @PathVariable String name) {
        Learner learner = requireLearner();
        Enrolment enrolment = enrolments.find(learner.personId(), code).orElseThrow(TrainingController::notFound);
        CourseFiles.CourseFile file = files.find(enrolment.versionId(), name).orElseThrow(TrainingController::notFound);
        return fileResponse(file);
    }

    /** Images inline, PDFs always as a download; never kept by a shared cache. */
    static ResponseEntity<byte[]> fileResponse(CourseFiles.CourseFile file) {
        if (file.mediaType().equals(MediaType.APPLICATION_PDF_VALUE)) {
            return PdfDownload.of(file.name(), file.content());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .eTag("\"" + file.sha256() + "\"")
                .body(file.content());
    }

    static String filesPath(String code) {
        return CATALOGUE + "/cours/" + code + "/fichiers/";
    }

    @GetMapping(MINE)
    String mine(Model model) {
        Learner learner = requireLearner();
        List<Enrolments.Followed> followed = enrolments.of(learner.personId());
        Set<String> codes =
                followed.stream().map(Enrolments.Followed::courseCode).collect(Collectors.toSet());
        Map<String, CourseCatalogue.Entry> published = catalogue.published(CourseCatalogue.Filter.ALL).stream()
                .collect(Collectors.toMap(CourseCatalogue.Entry::code, entry -> entry));
        // Next steps: for each path the learner has started, its first course they have not enrolled in.
        Map<LearningPath, CourseCatalogue.Entry> next = new LinkedHashMap<>();
        for (LearningPath path : paths.all()) {
            if (path.courseCodes().stream().anyMatch(codes::contains)) {
                path.nextCourse(codes)
                        .filter(published::containsKey)
                        .ifPresent(code -> next.put(path, published.get(code)));
            }
        }
        model.addAttribute(
                "inProgress",
                followed.stream().filter(f -> !f.enrolment().completed()).toList());
        model.addAttribute(
                "completed",
                followed.stream().filter(f -> f.enrolment().completed()).toList());
        model.addAttribute("next", next);
        model.addAttribute("zone", QuizPages.FRANCE);
        return "training/mine";
    }

    static String lessonPath(String course, String lesson) {
        return CATALOGUE + "/cours/" + course + "/lecons/" + lesson;
    }

    private Set<String> enrolledCodes() {
        return learners.current()
                .map(learner -> enrolments.of(learner.personId()).stream()
                        .map(Enrolments.Followed::courseCode)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    private Learner requireLearner() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in to follow a course"));
    }

    private static CourseContent.Module moduleOf(CourseContent content, CourseContent.Lesson lesson) {
        return content.modules().stream()
                .filter(module -> module.lessons().contains(lesson))
                .findFirst()
                .orElseThrow();
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
