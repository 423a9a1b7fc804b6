package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.authoring.Authoring;
import fr.guichetbio.training.authoring.NoSuchDraft;
import fr.guichetbio.training.course.CourseCatalogue;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    TrainingAdminController(
            CourseCatalogue catalogue, Authoring authoring, Learners learners, Organisations organisations) {
        this.catalogue = catalogue;
        this.authoring = authoring;
        this.learners = learners;
        this.organisations = organisations;
    }

    @GetMapping(PAGE)
    String courses(Model model) {
        List<CourseCatalogue.Entry> courses = catalogue.published(CourseCatalogue.Filter.ALL);
        Map<Long, String> providers = new LinkedHashMap<>();
        courses.forEach(course -> providers.computeIfAbsent(
                course.providerId(),
                id -> organisations.find(id).map(Organisation::name).orElse("")));
        model.addAttribute("courses", courses);
        model.addAttribute("providerNames", providers);
        return "training/authoring/admin";
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
