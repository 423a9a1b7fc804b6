package fr.guichetbio.portal.support;

import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.Courses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Courses of a test database: the smallest publishable course, when a test needs one but not its content. */
public final class TestCourses {

    private TestCourses() {}

    /** Publishes version 1.0 of a one-lesson course with a one-question quiz (answer "Oui"); returns its id. */
    public static long publishOneLessonCourse(Courses courses, QuestionBanks banks, long provider, String code) {
        CourseContent content = new CourseContent(
                code,
                "fr",
                CourseContent.Level.INTRODUCTORY,
                "Cours " + code,
                "Un cours pour les tests.",
                30,
                List.of(),
                List.of("Savoir"),
                List.of(new CourseContent.Module(
                        "Module", List.of(new CourseContent.Lesson("lecon", "Leçon", "Texte.")))));
        Quiz quiz = new Quiz(
                List.of(new Question(
                        "question",
                        Set.of("lecon"),
                        "Question ?",
                        "Parce que.",
                        "lecon",
                        new Question.SingleChoice(List.of("Oui", "Non"), 0))),
                Map.of("lecon", 1),
                100,
                3,
                Duration.ZERO,
                null);
        long version = courses.draft(provider, 1, 0, content);
        banks.save(version, quiz);
        courses.publishDraft(version, Instant.now());
        return version;
    }
}
