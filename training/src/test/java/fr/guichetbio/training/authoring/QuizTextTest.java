package fr.guichetbio.training.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.authoring.InvalidDraft.Problem;
import fr.guichetbio.training.demo.DemoCourse;
import fr.guichetbio.training.demo.DemoCourses;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QuizTextTest {

    private static final String VALID = """
            quiz:
              draw: {qualite: 1, calculs: 1}
              passPercent: 80
              maxAttempts: 3
              coolDownMinutes: 10
            questions:
              - key: certification
                type: single-choice
                tags: [qualite]
                lesson: qualite
                prompt: Qui certifie un lot ?
                explanation: La personne qualifiée.
                right: La personne qualifiée
                wrong: [Le technicien, No]
              - key: dilution
                type: randomised-numeric
                tags: [calculs]
                lesson: qualite
                prompt: Diluer {c} fois un volume de {v} mL donne ?
                explanation: c × v.
                parameters:
                  - {name: c, min: 2, max: 10, step: 1}
                  - {name: v, min: 0,5, max: 5, step: 0.5}
                formula: c * v
                relativeTolerance: 0.01
                unit: mL
            """;

    @Test
    void everyDemoQuizReadsBackAsWritten() {
        for (DemoCourse demo : DemoCourses.all()) {
            Set<String> lessons = demo.content().lessons().stream()
                    .map(lesson -> lesson.key())
                    .collect(Collectors.toSet());
            String text = QuizText.write(demo.quiz());
            Quiz read = QuizText.parse(text, lessons);
            assertThat(read.bank()).hasSameSizeAs(demo.quiz().bank());
            assertThat(read.draw()).isEqualTo(demo.quiz().draw());
            assertThat(QuizText.write(read)).as(demo.content().code()).isEqualTo(text);
        }
    }

    @Test
    void readsTheDocumentedFormatWithTextKeptAsText() {
        Quiz quiz = QuizText.parse(VALID, Set.of("qualite"));
        assertThat(quiz.bank()).extracting(Question::key).containsExactly("certification", "dilution");
        // "No" is an option, not a YAML boolean.
        assertThat(((Question.SingleChoice) quiz.bank().getFirst().body()).options())
                .containsExactly("La personne qualifiée", "Le technicien", "No");
        assertThat(quiz.passPercent()).isEqualTo(80);
    }

    @Test
    void everyProblemNamesTheQuestionAndTheField() {
        String text = VALID.replace("    right: La personne qualifiée\n", "")
                .replace("formula: c * v", "formula: c * w")
                .replace("lesson: qualite\n    prompt: Diluer", "lesson: inconnue\n    prompt: Diluer");
        assertThatThrownBy(() -> QuizText.parse(text, Set.of("qualite")))
                .isInstanceOfSatisfying(
                        InvalidDraft.class,
                        invalid -> assertThat(invalid.problems())
                                .containsExactlyInAnyOrder(
                                        new Problem("questions", "question.field", List.of("certification", "right")),
                                        new Problem("questions", "question.lesson", List.of("dilution", "inconnue"))));
        assertThatThrownBy(() -> QuizText.parse(VALID.replace("formula: c * v", "formula: c * w"), Set.of("qualite")))
                .isInstanceOfSatisfying(
                        InvalidDraft.class,
                        invalid -> assertThat(invalid.problems())
                                .singleElement()
                                .satisfies(problem -> {
                                    assertThat(problem.code()).isEqualTo("question.formula");
                                    assertThat(problem.args().getFirst()).isEqualTo("dilution");
                                }));
    }

    @Test
    void aTagWithoutEnoughQuestionsIsReadable() {
        assertThatThrownBy(() -> QuizText.parse(VALID.replace("qualite: 1", "qualite: 2"), Set.of("qualite")))
                .isInstanceOfSatisfying(
                        InvalidDraft.class,
                        invalid -> assertThat(invalid.problems())
                                .containsExactly(
                                        new Problem("questions", "quiz.notEnough", List.of("qualite", "2", "1", "0"))));
    }

    @Test
    void syntaxErrorsGiveTheLineAndAliasesAreRefused() {
        assertThatThrownBy(() -> QuizText.parse("quiz:\n  draw: [\n", Set.of()))
                .isInstanceOfSatisfying(
                        InvalidDraft.class,
                        invalid ->
                                assertThat(invalid.problems().getFirst().code()).isEqualTo("quiz.syntax"));
        String bomb = "a: &a [x, x]\nb: &b [*a, *a]\nquiz: *b\n";
        assertThatThrownBy(() -> QuizText.parse(bomb, Set.of())).isInstanceOf(InvalidDraft.class);
    }
}
