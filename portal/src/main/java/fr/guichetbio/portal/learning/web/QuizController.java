package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.AttemptRefused;
import fr.guichetbio.training.assessment.QuestionView;
import fr.guichetbio.training.assessment.SubmissionRefused;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.course.PublishedCourse;
import fr.guichetbio.training.enrolment.Enrolment;
import fr.guichetbio.training.enrolment.Enrolments;
import fr.guichetbio.training.enrolment.NoSuchCourse;
import fr.guichetbio.training.enrolment.Quizzes;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A course's quiz: where the learner stands (rules, attempts, cool-down), the open attempt's questions — as
 * {@link QuestionView}s only, never the bank's answers — its submission, and the result with what was wrong, why and
 * the lesson to reread. The rules are training's ({@link Quizzes}); refusals are shown, never bypassed.
 */
@Controller
class QuizController {

    private final Quizzes quizzes;
    private final Enrolments enrolments;
    private final Courses courses;
    private final Learners learners;

    QuizController(Quizzes quizzes, Enrolments enrolments, Courses courses, Learners learners) {
        this.quizzes = quizzes;
        this.enrolments = enrolments;
        this.courses = courses;
        this.learners = learners;
    }

    private static String quizPath(String code) {
        return TrainingController.CATALOGUE + "/cours/" + code + "/quiz";
    }

    @GetMapping(TrainingController.CATALOGUE + "/cours/{code}/quiz")
    String quiz(@PathVariable String code, Model model, RedirectAttributes redirect) {
        Learner learner = requireLearner();
        Optional<Enrolment> enrolment = enrolments.find(learner.personId(), code);
        if (enrolment.isEmpty()) {
            courses.latestPublished(code).orElseThrow(TrainingController::notFound);
            redirect.addFlashAttribute("flashError", "training.lesson.enrolFirst");
            return "redirect:" + TrainingController.CATALOGUE + "/cours/" + code;
        }
        Quizzes.Standing standing = quizzes.standing(learner, code).orElseThrow(TrainingController::notFound);
        return page(learner, enrolment.get(), standing, new LinkedMultiValueMap<>(), java.util.Map.of(), model);
    }

    private String page(
            Learner learner,
            Enrolment enrolment,
            Quizzes.Standing standing,
            MultiValueMap<String, String> values,
            java.util.Map<String, String> errors,
            Model model) {
        PublishedCourse course = courses.version(enrolment.versionId()).orElseThrow(TrainingController::notFound);
        return QuizPages.form(
                model,
                learner,
                course,
                standing,
                values,
                errors,
                quizPath(course.content().code()),
                false);
    }

    @PostMapping(TrainingController.CATALOGUE + "/cours/{code}/quiz/tentatives")
    String start(@PathVariable String code, RedirectAttributes redirect) {
        Learner learner = requireLearner();
        try {
            quizzes.start(learner, code);
        } catch (NoSuchCourse e) {
            throw TrainingController.notFound();
        } catch (AttemptRefused refused) {
            redirect.addFlashAttribute("flashError", "training.quiz.refused." + refused.reason());
        }
        return "redirect:" + quizPath(code) + "#questions";
    }

    @PostMapping(TrainingController.CATALOGUE + "/cours/{code}/quiz/reponses")
    String submit(
            @PathVariable String code,
            @RequestParam("tentative") UUID attemptId,
            @RequestParam("jeton") String token,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            Attempt graded =
                    quizzes.submit(learner, code, attemptId, QuizPages.answers(attemptId, token, form, learner));
            return "redirect:" + quizPath(code) + "/resultats/" + graded.id();
        } catch (SubmissionRefused refusal) {
            return QuizPages.refused(refusal.reason(), quizPath(code), model, response);
        } catch (QuizPages.InvalidAnswers invalid) {
            Enrolment enrolment = enrolments.find(learner.personId(), code).orElseThrow();
            Quizzes.Standing standing = quizzes.standing(learner, code).orElseThrow();
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(
                    learner,
                    enrolment,
                    standing,
                    invalid.parsed().values(),
                    invalid.parsed().errors(),
                    model);
        }
    }

    @GetMapping(TrainingController.CATALOGUE + "/cours/{code}/quiz/resultats/{attempt}")
    String result(@PathVariable String code, @PathVariable("attempt") UUID attemptId, Model model) {
        Learner learner = requireLearner();
        Attempt attempt = quizzes.attempt(learner, code, attemptId)
                .filter(Attempt::submitted)
                .orElseThrow(TrainingController::notFound);
        Enrolment enrolment = enrolments.find(learner.personId(), code).orElseThrow();
        return QuizPages.result(
                model,
                courses.version(enrolment.versionId()).orElseThrow(),
                attempt,
                quizzes.standing(learner, code).orElseThrow(),
                enrolment,
                quizPath(code));
    }

    private Learner requireLearner() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in to take a quiz"));
    }
}
