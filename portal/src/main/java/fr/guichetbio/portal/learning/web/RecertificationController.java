package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.AttemptRefused;
import fr.guichetbio.training.assessment.SubmissionRefused;
import fr.guichetbio.training.certification.NoSuchRenewal;
import fr.guichetbio.training.certification.Recertification;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
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
 * Renewing a certificate by its recertification assessment ({@link Recertification}): the same pages as a course's
 * quiz, under the certificate's address; for its holder only, and only while it may be renewed (404 otherwise).
 */
@Controller
class RecertificationController {

    private final Recertification recertification;
    private final Learners learners;

    RecertificationController(Recertification recertification, Learners learners) {
        this.recertification = recertification;
        this.learners = learners;
    }

    static String renewalPath(String certificateId) {
        return CertificatesController.MINE + "/" + certificateId + "/renouvellement";
    }

    @GetMapping(CertificatesController.MINE + "/{certificate}/renouvellement")
    String renewal(@PathVariable("certificate") String id, Model model) {
        Learner learner = requireLearner();
        Recertification.Renewal renewal =
                recertification.renewal(learner, id).orElseThrow(TrainingController::notFound);
        return QuizPages.form(
                model,
                learner,
                renewal.course(),
                renewal.standing(),
                new LinkedMultiValueMap<>(),
                Map.of(),
                renewalPath(id),
                true);
    }

    @PostMapping(CertificatesController.MINE + "/{certificate}/renouvellement/tentatives")
    String start(@PathVariable("certificate") String id, RedirectAttributes redirect) {
        Learner learner = requireLearner();
        try {
            recertification.start(learner, id);
        } catch (NoSuchRenewal e) {
            throw TrainingController.notFound();
        } catch (AttemptRefused refused) {
            redirect.addFlashAttribute("flashError", "training.quiz.refused." + refused.reason());
        }
        return "redirect:" + renewalPath(id) + "#questions";
    }

    @PostMapping(CertificatesController.MINE + "/{certificate}/renouvellement/reponses")
    String submit(
            @PathVariable("certificate") String id,
            @RequestParam("tentative") UUID attemptId,
            @RequestParam("jeton") String token,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        Learner learner = requireLearner();
        try {
            Attempt graded =
                    recertification.submit(learner, id, attemptId, QuizPages.answers(attemptId, token, form, learner));
            return "redirect:" + renewalPath(id) + "/resultats/" + graded.id();
        } catch (SubmissionRefused refusal) {
            return QuizPages.refused(refusal.reason(), renewalPath(id), model, response);
        } catch (QuizPages.InvalidAnswers invalid) {
            Recertification.Renewal renewal =
                    recertification.renewal(learner, id).orElseThrow(TrainingController::notFound);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return QuizPages.form(
                    model,
                    learner,
                    renewal.course(),
                    renewal.standing(),
                    invalid.parsed().values(),
                    invalid.parsed().errors(),
                    renewalPath(id),
                    true);
        }
    }

    @GetMapping(CertificatesController.MINE + "/{certificate}/renouvellement/resultats/{attempt}")
    String result(@PathVariable("certificate") String id, @PathVariable("attempt") UUID attemptId, Model model) {
        Learner learner = requireLearner();
        Recertification.Result result = recertification
                .result(learner, id, attemptId)
                .filter(found -> found.attempt().submitted())
                .orElseThrow(TrainingController::notFound);
        return QuizPages.result(model, result.course(), result.attempt(), result.standing(), null, renewalPath(id));
    }

    private Learner requireLearner() {
        return learners.current().orElseThrow(() -> new AccessDeniedException("Sign in to renew a certificate"));
    }
}
