package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.authoring.Authoring;
import fr.guichetbio.training.authoring.Description;
import fr.guichetbio.training.authoring.Draft;
import fr.guichetbio.training.authoring.InvalidDraft;
import fr.guichetbio.training.authoring.NoSuchDraft;
import fr.guichetbio.training.authoring.QuizText;
import fr.guichetbio.training.course.CourseContent.Level;
import fr.guichetbio.training.course.CourseFiles;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The instructors' workshop: their providers' courses, a new course, a draft's description, modules, lessons and
 * question bank, its preview, publication and discarding. Training's {@link Authoring} decides who may and what is
 * valid; this controller only maps forms to it, shows its field errors next to the fields (422) and redirects after
 * each successful POST.
 */
@Controller
class AuthoringController {

    static final String WORKSHOP = "/formation/atelier";
    static final String DRAFT = WORKSHOP + "/cours/{code}/brouillon";

    private final Authoring authoring;
    private final Learners learners;
    private final Organisations organisations;
    private final MessageSource messages;

    AuthoringController(Authoring authoring, Learners learners, Organisations organisations, MessageSource messages) {
        this.authoring = authoring;
        this.learners = learners;
        this.organisations = organisations;
        this.messages = messages;
    }

    /** The form fields of a course's description. */
    record DescriptionForm(
            String language,
            String level,
            String title,
            String summary,
            String durationMinutes,
            String prerequisites,
            String outcomes,
            String validityMonths) {

        Description description() {
            return new Description(
                    language, level, title, summary, durationMinutes, prerequisites, outcomes, validityMonths);
        }
    }

    @GetMapping(WORKSHOP)
    String workshop(Model model) {
        Learner learner = requireLearner();
        model.addAttribute("courses", authoring.workshop(learner));
        model.addAttribute("providerNames", organisations.namesOf(authoring.providers(learner)));
        return "training/authoring/workshop";
    }

    @GetMapping(WORKSHOP + "/cours/nouveau")
    String newCourse(Model model) {
        Learner learner = requireLearner();
        return newCourseForm(
                learner,
                model,
                "",
                authoring.providers(learner).size() == 1
                        ? slugOf(authoring.providers(learner).getFirst())
                        : "",
                new Description(
                        learner.locale().getLanguage().equals("en") ? "en" : "fr",
                        "INTRODUCTORY",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "24"),
                Map.of());
    }

    @PostMapping(WORKSHOP + "/cours")
    String create(
            @RequestParam(name = "organisme", defaultValue = "") String provider,
            @RequestParam(defaultValue = "") String code,
            DescriptionForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        List<Long> providers = authoring.providers(learner);
        Optional<Long> providerId =
                organisations.findBySlug(provider).map(Organisation::id).filter(providers::contains);
        try {
            if (providerId.isEmpty()) {
                throw new InvalidDraft(List.of(new InvalidDraft.Problem("organisme", "provider", List.of())));
            }
            authoring.create(learner, providerId.get(), code.strip(), form.description());
        } catch (InvalidDraft invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return newCourseForm(learner, model, code, provider, form.description(), errors(invalid));
        }
        redirect.addFlashAttribute("flashSuccess", "training.authoring.created");
        return redirectToDraft(code.strip());
    }

    @PostMapping(DRAFT)
    String open(
            @PathVariable String code,
            @RequestParam(name = "change", defaultValue = "MINOR") String change,
            RedirectAttributes redirect) {
        Authoring.Change typed = "MAJOR".equals(change) ? Authoring.Change.MAJOR : Authoring.Change.MINOR;
        try {
            Draft draft = authoring.open(requireLearner(), code, typed);
            redirect.addFlashAttribute("flashSuccess", "training.authoring.opened");
            redirect.addFlashAttribute("flashArguments", draft.version());
            return redirectToDraft(code);
        } catch (InvalidDraft invalid) {
            redirect.addFlashAttribute(
                    "flashError",
                    "training.authoring.error." + invalid.problems().getFirst().code());
            return "redirect:" + WORKSHOP;
        }
    }

    @GetMapping(DRAFT)
    String draft(@PathVariable String code, Model model) {
        Draft draft = authoring.draft(requireLearner(), code);
        return draftPage(draft, model, "", draft.description(), Map.of());
    }

    @PostMapping(DRAFT + "/description")
    String describe(
            @PathVariable String code,
            DescriptionForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            authoring.describe(learner, code, form.description());
        } catch (InvalidDraft invalid) {
            return draftPage(
                    authoring.draft(learner, code),
                    model,
                    "description",
                    form.description(),
                    errors(invalid),
                    response);
        }
        return saved(code, redirect);
    }

    @PostMapping(DRAFT + "/modules")
    String addModule(
            @PathVariable String code,
            @RequestParam(defaultValue = "") String title,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            authoring.addModule(learner, code, title);
        } catch (InvalidDraft invalid) {
            Draft draft = authoring.draft(learner, code);
            return draftPage(draft, model, "module-new", draft.description(), errors(invalid), response);
        }
        return saved(code, redirect);
    }

    @PostMapping(DRAFT + "/modules/{module}")
    String renameModule(
            @PathVariable String code,
            @PathVariable int module,
            @RequestParam(defaultValue = "") String title,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            authoring.renameModule(learner, code, module, title);
        } catch (InvalidDraft invalid) {
            Draft draft = authoring.draft(learner, code);
            return draftPage(draft, model, "module-" + module, draft.description(), errors(invalid), response);
        }
        return saved(code, redirect);
    }

    @PostMapping(DRAFT + "/modules/{module}/deplacement")
    String moveModule(
            @PathVariable String code,
            @PathVariable int module,
            @RequestParam(name = "sens", defaultValue = "bas") String direction,
            RedirectAttributes redirect) {
        authoring.moveModule(requireLearner(), code, module, "haut".equals(direction));
        return saved(code, redirect);
    }

    @PostMapping(DRAFT + "/modules/{module}/suppression")
    String removeModule(@PathVariable String code, @PathVariable int module, RedirectAttributes redirect) {
        authoring.removeModule(requireLearner(), code, module);
        return saved(code, redirect);
    }

    @GetMapping(DRAFT + "/modules/{module}/lecons/nouvelle")
    String newLesson(@PathVariable String code, @PathVariable int module, Model model) {
        Draft draft = authoring.draft(requireLearner(), code);
        Draft.Module target = draft.modules().stream()
                .filter(m -> m.position() == module)
                .findFirst()
                .orElseThrow(() -> new NoSuchDraft(code + " module " + module));
        return lessonPage(draft, target, null, "", "", "", "", model, Map.of());
    }

    @PostMapping(DRAFT + "/modules/{module}/lecons")
    String addLesson(
            @PathVariable String code,
            @PathVariable int module,
            @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String markdown,
            @RequestParam(defaultValue = "") String videoUrl,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            authoring.addLesson(learner, code, module, key.strip(), title, markdown, videoUrl);
        } catch (InvalidDraft invalid) {
            Draft draft = authoring.draft(learner, code);
            Draft.Module target = draft.modules().stream()
                    .filter(m -> m.position() == module)
                    .findFirst()
                    .orElseThrow(() -> new NoSuchDraft(code + " module " + module));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return lessonPage(draft, target, null, key, title, markdown, videoUrl, model, errors(invalid));
        }
        return saved(code, redirect);
    }

    @GetMapping(DRAFT + "/lecons/{lesson}")
    String lesson(@PathVariable String code, @PathVariable String lesson, Model model) {
        Draft draft = authoring.draft(requireLearner(), code);
        Draft.Lesson current = lessonOf(draft, lesson);
        return lessonPage(
                draft,
                moduleOf(draft, lesson),
                current,
                current.key(),
                current.title(),
                current.markdown(),
                current.videoUrl() == null ? "" : current.videoUrl(),
                model,
                Map.of());
    }

    @PostMapping(DRAFT + "/lecons/{lesson}")
    String editLesson(
            @PathVariable String code,
            @PathVariable String lesson,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String markdown,
            @RequestParam(defaultValue = "") String videoUrl,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            authoring.editLesson(learner, code, lesson, title, markdown, videoUrl);
        } catch (InvalidDraft invalid) {
            Draft draft = authoring.draft(learner, code);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return lessonPage(
                    draft,
                    moduleOf(draft, lesson),
                    lessonOf(draft, lesson),
                    lesson,
                    title,
                    markdown,
                    videoUrl,
                    model,
                    errors(invalid));
        }
        return saved(code, redirect);
    }

    @PostMapping(DRAFT + "/lecons/{lesson}/deplacement")
    String moveLesson(
            @PathVariable String code,
            @PathVariable String lesson,
            @RequestParam(name = "sens", defaultValue = "bas") String direction,
            RedirectAttributes redirect) {
        authoring.moveLesson(requireLearner(), code, lesson, "haut".equals(direction));
        return saved(code, redirect);
    }

    @PostMapping(DRAFT + "/lecons/{lesson}/suppression")
    String removeLesson(@PathVariable String code, @PathVariable String lesson, RedirectAttributes redirect) {
        authoring.removeLesson(requireLearner(), code, lesson);
        return saved(code, redirect);
    }

    @GetMapping(DRAFT + "/questions")
    String questions(@PathVariable String code, Model model) {
        Draft draft = authoring.draft(requireLearner(), code);
        return questionsPage(draft, draft.quiz() == null ? "" : QuizText.write(draft.quiz()), model, Map.of());
    }

    @PostMapping(DRAFT + "/questions")
    String saveQuestions(
            @PathVariable String code,
            @RequestParam(defaultValue = "") String questions,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            authoring.saveQuestions(learner, code, questions);
        } catch (InvalidDraft invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return questionsPage(authoring.draft(learner, code), questions, model, errors(invalid));
        }
        return saved(code, redirect);
    }

    @GetMapping(DRAFT + "/apercu")
    String preview(@PathVariable String code, Model model) {
        Authoring.Preview preview = authoring.preview(requireLearner(), code, filesPath(code));
        model.addAttribute("draft", preview.draft());
        model.addAttribute("html", preview.html());
        return "training/authoring/preview";
    }

    private static String filesPath(String code) {
        return WORKSHOP + "/cours/" + code + "/brouillon/fichiers/";
    }

    /** The draft's images and documents, with the form to add one. */
    @GetMapping(DRAFT + "/fichiers")
    String files(@PathVariable String code, Model model) {
        return filesPage(requireLearner(), code, model, Map.of());
    }

    private String filesPage(Learner learner, String code, Model model, Map<String, List<String>> errors) {
        model.addAttribute("draft", authoring.draft(learner, code));
        model.addAttribute("files", authoring.files(learner, code));
        model.addAttribute("errors", errors);
        return "training/authoring/files";
    }

    @PostMapping(DRAFT + "/fichiers")
    String upload(
            @PathVariable String code,
            @RequestParam(name = "fichier", required = false) MultipartFile file,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response)
            throws IOException {
        Learner learner = requireLearner();
        try {
            String name = authoring.upload(
                    learner,
                    code,
                    file == null
                            ? ""
                            : Optional.ofNullable(file.getOriginalFilename()).orElse(""),
                    file == null ? new byte[0] : file.getBytes());
            redirect.addFlashAttribute("flashSuccess", "training.authoring.files.added");
            redirect.addFlashAttribute("flashArguments", name);
        } catch (InvalidDraft invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return filesPage(learner, code, model, errors(invalid));
        }
        return "redirect:" + WORKSHOP + "/cours/" + code + "/brouillon/fichiers";
    }

    @PostMapping(DRAFT + "/fichiers/{name}/suppression")
    String deleteFile(@PathVariable String code, @PathVariable String name, RedirectAttributes redirect) {
        authoring.deleteFile(requireLearner(), code, name);
        redirect.addFlashAttribute("flashSuccess", "training.authoring.files.deleted");
        redirect.addFlashAttribute("flashArguments", name);
        return "redirect:" + WORKSHOP + "/cours/" + code + "/brouillon/fichiers";
    }

    /** A file of the draft, for the preview (PDFs downloaded, like the learners' pages). */
    @GetMapping(DRAFT + "/fichiers/{name}")
    ResponseEntity<byte[]> file(@PathVariable String code, @PathVariable String name) {
        CourseFiles.CourseFile file =
                authoring.file(requireLearner(), code, name).orElseThrow(() -> new NoSuchDraft(code + " file " + name));
        return TrainingController.fileResponse(file);
    }

    @PostMapping(DRAFT + "/publication")
    String publish(@PathVariable String code, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            String version = authoring.publish(learner, code);
            redirect.addFlashAttribute("flashSuccess", "training.authoring.published");
            redirect.addFlashAttribute("flashArguments", version);
            return "redirect:" + WORKSHOP;
        } catch (InvalidDraft invalid) {
            Draft draft = authoring.draft(learner, code);
            return draftPage(draft, model, "publish", draft.description(), errors(invalid), response);
        }
    }

    @PostMapping(DRAFT + "/abandon")
    String discard(@PathVariable String code, RedirectAttributes redirect) {
        authoring.discard(requireLearner(), code);
        redirect.addFlashAttribute("flashSuccess", "training.authoring.discarded");
        return "redirect:" + WORKSHOP;
    }

    /** An unknown course, or one without a draft, module or lesson of that name: 404 for everyone. */
    @ExceptionHandler(NoSuchDraft.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    private String newCourseForm(
            Learner learner,
            Model model,
            String code,
            String provider,
            Description description,
            Map<String, List<String>> errors) {
        model.addAttribute(
                "providers",
                List.copyOf(organisations.findAll(authoring.providers(learner)).values()));
        model.addAttribute("provider", provider);
        model.addAttribute("code", code);
        model.addAttribute("description", description);
        model.addAttribute("errors", errors);
        model.addAttribute("levels", Level.values());
        return "training/authoring/new";
    }

    private String draftPage(
            Draft draft,
            Model model,
            String form,
            Description description,
            Map<String, List<String>> errors,
            HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return draftPage(draft, model, form, description, errors);
    }

    private String draftPage(
            Draft draft, Model model, String form, Description description, Map<String, List<String>> errors) {
        model.addAttribute("draft", draft);
        model.addAttribute("form", form);
        model.addAttribute("description", description);
        model.addAttribute("errors", errors);
        model.addAttribute("noErrors", Map.of());
        model.addAttribute("levels", Level.values());
        model.addAttribute("provider", organisations.find(draft.providerId()).orElse(null));
        return "training/authoring/draft";
    }

    private String lessonPage(
            Draft draft,
            Draft.Module module,
            Draft.Lesson lesson,
            String key,
            String title,
            String markdown,
            String videoUrl,
            Model model,
            Map<String, List<String>> errors) {
        model.addAttribute("videoUrl", videoUrl);
        model.addAttribute("draft", draft);
        model.addAttribute("module", module);
        model.addAttribute("lesson", lesson);
        model.addAttribute("key", key);
        model.addAttribute("title", title);
        model.addAttribute("markdown", markdown);
        model.addAttribute("errors", errors);
        return "training/authoring/lesson";
    }

    private String questionsPage(Draft draft, String text, Model model, Map<String, List<String>> errors) {
        model.addAttribute("draft", draft);
        model.addAttribute("questions", text);
        model.addAttribute("errors", errors);
        return "training/authoring/questions";
    }

    private static Draft.Lesson lessonOf(Draft draft, String key) {
        return draft.lessons().stream()
                .filter(lesson -> lesson.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new NoSuchDraft(draft.code() + " lesson " + key));
    }

    private static Draft.Module moduleOf(Draft draft, String key) {
        return draft.modules().stream()
                .filter(module -> module.lessons().stream()
                        .anyMatch(lesson -> lesson.key().equals(key)))
                .findFirst()
                .orElseThrow(() -> new NoSuchDraft(draft.code() + " lesson " + key));
    }

    /** Training's problems as messages in the reader's language, by form field. */
    private Map<String, List<String>> errors(InvalidDraft invalid) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        invalid.problems()
                .forEach(problem -> errors.computeIfAbsent(problem.field(), field -> new ArrayList<>())
                        .add(messages.getMessage(
                                "training.authoring.error." + problem.code(),
                                problem.args().toArray(),
                                LocaleContextHolder.getLocale())));
        return errors;
    }

    private static String saved(String code, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flashSuccess", "training.authoring.saved");
        return redirectToDraft(code);
    }

    private static String redirectToDraft(String code) {
        return "redirect:" + WORKSHOP + "/cours/" + code + "/brouillon";
    }

    private String slugOf(long organisationId) {
        return organisations.find(organisationId).map(Organisation::slug).orElse("");
    }

    /** The signed-in person; the security configuration already sends anonymous visitors to sign in. */
    private Learner requireLearner() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in to author courses"));
    }
}
