package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.assessment.Attempt;
import fr.guichetbio.training.assessment.QuestionView;
import fr.guichetbio.training.assessment.Submission;
import fr.guichetbio.training.assessment.SubmissionRefused;
import fr.guichetbio.training.course.PublishedCourse;
import fr.guichetbio.training.enrolment.Enrolment;
import fr.guichetbio.training.enrolment.Quizzes;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * The pages of an assessment, shared by a course's quiz and a certificate's recertification: the form (rules,
 * attempts, the open attempt's questions as {@link QuestionView}s only), the refusal of a submission and the result.
 * {@code quizPath} is where the assessment's routes start (…/tentatives, …/reponses, …/resultats/{attempt}).
 */
final class QuizPages {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private QuizPages() {}

    /** A form that cannot be read as answers (a number that is not one): the page again, nothing recorded. */
    static final class InvalidAnswers extends RuntimeException {

        private final transient QuizForm.Parsed parsed;

        InvalidAnswers(QuizForm.Parsed parsed) {
            super(null, null, false, false);
            this.parsed = parsed;
        }

        QuizForm.Parsed parsed() {
            return parsed;
        }
    }

    /**
     * Reads the submitted form against the attempt's questions.
     *
     * @throws InvalidAnswers when an answer cannot be read (unless the attempt is graded: then it is refused as such)
     */
    static Function<Attempt, Submission> answers(
            UUID attemptId, String token, MultiValueMap<String, String> form, Learner learner) {
        return attempt -> {
            QuizForm.Parsed parsed = QuizForm.parse(attemptId, token, views(attempt, learner), form, learner.locale());
            if (!parsed.valid() && !attempt.submitted()) {
                throw new InvalidAnswers(parsed);
            }
            return parsed.submission();
        };
    }

    static String form(
            Model model,
            Learner learner,
            PublishedCourse course,
            Quizzes.Standing standing,
            MultiValueMap<String, String> values,
            Map<String, String> errors,
            String quizPath,
            boolean renewal) {
        model.addAttribute("course", course);
        model.addAttribute("standing", standing);
        model.addAttribute("quiz", standing.quiz());
        model.addAttribute("quizPath", quizPath);
        model.addAttribute("renewal", renewal);
        model.addAttribute(
                "attempts",
                standing.attempts().stream().filter(Attempt::submitted).toList());
        model.addAttribute("refusal", standing.refusal());
        model.addAttribute(
                "retryAt",
                standing.refusal() == null || standing.refusal().retryAt() == null
                        ? null
                        : standing.refusal().retryAt().atZone(FRANCE).toLocalDateTime());
        Attempt open = standing.open();
        model.addAttribute("open", open);
        if (open != null) {
            model.addAttribute("questions", views(open, learner));
            model.addAttribute(
                    "deadline",
                    open.deadline() == null
                            ? null
                            : open.deadline().atZone(FRANCE).toLocalDateTime());
        }
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "training/quiz";
    }

    static String refused(SubmissionRefused.Reason reason, String quizPath, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("reason", reason);
        model.addAttribute("quizPath", quizPath);
        return "training/refused";
    }

    /** @param enrolment the learner's enrolment in the course (a course's quiz); {@code null} for a renewal */
    static String result(
            Model model,
            PublishedCourse course,
            Attempt attempt,
            Quizzes.Standing standing,
            Enrolment enrolment,
            String quizPath) {
        model.addAttribute("course", course);
        model.addAttribute("attempt", attempt);
        model.addAttribute("grade", attempt.result());
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("standing", standing);
        model.addAttribute("quizPath", quizPath);
        model.addAttribute("renewal", enrolment == null);
        return "training/result";
    }

    private static List<QuestionView> views(Attempt attempt, Learner learner) {
        return attempt.questions().stream()
                .map(drawn -> drawn.view(learner.locale()))
                .toList();
    }
}
