package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.authoring.Authoring;
import fr.guichetbio.training.authoring.NoSuchDraft;
import fr.guichetbio.training.course.CourseCatalogue;
import fr.guichetbio.training.path.BioproductionRole;
import fr.guichetbio.training.path.LearningPath;
import fr.guichetbio.training.path.LearningPaths;
import fr.guichetbio.training.path.PathEditing;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back office's training page: every published course, with a button to unpublish it (administrators only, as
 * {@link Authoring#unpublish} decides; the security configuration keeps everyone else out of {@code /admin}).
 */
@Controller
class TrainingAdminController {

    static final String PAGE = "/admin/formation";

    private final CourseCatalogue catalogue;
    private final Authoring authoring;
    private final Learners learners;
    private final Organisations organisations;
    private final LearningPaths paths;
    private final PathEditing pathEditing;
    private final MessageSource messages;

    TrainingAdminController(
            CourseCatalogue catalogue,
            Authoring authoring,
            Learners learners,
            Organisations organisations,
            LearningPaths paths,
            PathEditing pathEditing,
            MessageSource messages) {
        this.messages = messages;
        this.paths = paths;
        this.pathEditing = pathEditing;
        this.catalogue = catalogue;
        this.authoring = authoring;
        this.learners = learners;
        this.organisations = organisations;
    }

    @GetMapping(PAGE)
    String courses(Model model) {
        List<CourseCatalogue.Entry> courses = catalogue.published(CourseCatalogue.Filter.ALL);
        model.addAttribute("courses", courses);
        model.addAttribute(
                "providerNames",
                organisations.namesOf(courses.stream()
                        .map(CourseCatalogue.Entry::providerId)
                        .distinct()
                        .toList()));
        model.addAttribute("paths", paths.all());
        return "training/authoring/admin";
    }

    @GetMapping(PAGE + "/parcours/nouveau")
    String newPath(Model model) {
        return pathPage(new PathEditing.Form("", "", "", "", "", "", ""), true, Map.of(), model);
    }

    @GetMapping(PAGE + "/parcours/{code}")
    String path(@PathVariable String code, Model model) {
        LearningPath path = paths.byCode(code).orElseThrow(TrainingController::notFound);
        return pathPage(PathEditing.Form.of(path), false, Map.of(), model);
    }

    /** Creates or replaces a path (by its code); refused fields come back next to their input, nothing written. */
    @PostMapping(PAGE + "/parcours")
    String savePath(
            PathEditing.Form form,
            @RequestParam(name = "nouveau", defaultValue = "false") boolean creating,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            LearningPath saved = pathEditing.save(requireLearner(), form);
            redirect.addFlashAttribute("flashSuccess", "training.admin.path.saved");
            redirect.addFlashAttribute("flashArguments", saved.code());
            return "redirect:" + PAGE;
        } catch (PathEditing.Invalid invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            Map<String, List<String>> errors = new LinkedHashMap<>();
            invalid.problems()
                    .forEach((field, problem) -> errors.put(
                            field,
                            List.of(messages.getMessage(
                                    "training.admin.path.error." + problem, null, LocaleContextHolder.getLocale()))));
            return pathPage(form, creating, errors, model);
        }
    }

    private String pathPage(PathEditing.Form form, boolean creating, Map<String, List<String>> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("creating", creating);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", BioproductionRole.values());
        model.addAttribute("courses", catalogue.published(CourseCatalogue.Filter.ALL));
        return "training/authoring/path";
    }

    @PostMapping(PAGE + "/cours/{code}/depublication")
    String unpublish(@PathVariable String code, RedirectAttributes redirect) {
        authoring.unpublish(requireLearner(), code);
        redirect.addFlashAttribute("flashSuccess", "training.admin.unpublished");
        redirect.addFlashAttribute("flashArguments", code);
        return "redirect:" + PAGE;
    }

    @ExceptionHandler(NoSuchDraft.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    /** The signed-in person; the security configuration already sends anonymous visitors to sign in. */
    private Learner requireLearner() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in to author courses"));
    }
}
