package fr.guichetbio.training.demo;

import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseContent.Lesson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A demo course: its content and its quiz (whose questions name the course's lessons). */
public record DemoCourse(CourseContent content, Quiz quiz) {

    public DemoCourse {
        for (var question : quiz.bank()) {
            if (question.lessonKey() != null
                    && content.lesson(question.lessonKey()).isEmpty()) {
                throw new IllegalArgumentException(
                        "question " + question.key() + " names no lesson of " + content.code());
            }
        }
    }

    /**
     * The demo quizzes' rules: the questions drawn per lesson, 80 % to pass, three attempts five minutes apart, thirty
     * minutes to answer.
     */
    static Quiz quiz(List<Question> bank, Map<String, Integer> draw) {
        return new Quiz(bank, draw, 80, 3, Duration.ofMinutes(5), Duration.ofMinutes(30));
    }

    /** A question of one tag, whose lesson is the lesson of the same key (the demo courses tag by lesson). */
    static Question question(String key, String tag, String prompt, String why, Question.Body body) {
        return new Question(key, Set.of(tag), prompt, why, tag, body);
    }

    /**
     * A lesson from {@code training/courses/<course>/<key>.md}: its first line, a level-1 heading, is the title (the
     * page's own heading); the rest is the text.
     */
    static Lesson lesson(String course, String key) {
        String path = "/training/courses/" + course + "/" + key + ".md";
        try (InputStream in = DemoCourse.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing lesson " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            if (!text.startsWith("# ") || end < 0) {
                throw new IllegalStateException(path + " must start with '# title'");
            }
            return new Lesson(
                    key, text.substring(2, end).strip(), text.substring(end + 1).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
