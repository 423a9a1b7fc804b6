package fr.guichetbio.training.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.training.assessment.Question.MultipleChoice;
import fr.guichetbio.training.assessment.Question.Numeric;
import fr.guichetbio.training.assessment.Question.Ordering;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.Range;
import fr.guichetbio.training.assessment.Question.SingleChoice;
import fr.guichetbio.training.assessment.Question.Tolerance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AssessorTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Locale FR = Locale.FRENCH;

    private static final Question GRADE_A = new Question(
            "grade-a",
            Set.of("zones"),
            "Quelle classe de zone pour le remplissage aseptique ?",
            "Annexe 1 : les opérations aseptiques ouvertes se font en classe A.",
            "zones-classees",
            new SingleChoice(List.of("A", "B", "C", "D"), 0));
    private static final Question ALCOA = new Question(
            "alcoa",
            Set.of("donnees"),
            "Quels principes font partie d'ALCOA ?",
            "ALCOA : attribuable, lisible, contemporain, original, exact.",
            "integrite-donnees",
            new MultipleChoice(List.of("Attribuable", "Lisible", "Rapide", "Exact"), Set.of(0, 1, 3)));
    private static final Question PARTICLES = new Question(
            "particules-b",
            Set.of("zones"),
            "Limite au repos en classe B pour les particules ≥ 0,5 µm, par m³ ?",
            "Annexe 1, tableau 1 : 3 520 particules/m³ au repos en classe B.",
            "zones-classees",
            new Numeric(3520, Tolerance.absolute(0), "particules/m³"));
    private static final Question DILUTION = new Question(
            "dilution",
            Set.of("calcul"),
            "Volume de solution mère à {c1} mg/mL pour {v2} mL à {c2} mg/mL ?",
            "C1·V1 = C2·V2, donc V1 = C2·V2 / C1.",
            "calculs",
            new RandomisedNumeric(
                    List.of(new Range("c1", 5, 20, 5), new Range("c2", 0.5, 2, 0.5), new Range("v2", 100, 500, 100)),
                    Formula.parse("c2 * v2 / c1", Set.of("c1", "c2", "v2")),
                    Tolerance.relative(0.01),
                    "mL"));
    private static final Question GOWNING = new Question(
            "habillage",
            Set.of("zones"),
            "Ordre d'entrée en zone B ?",
            "On passe du moins propre au plus propre.",
            "zones-classees",
            new Ordering(List.of("Se laver les mains", "Enfiler la tenue", "Passer le sas", "Entrer en zone")));

    private static Quiz quiz(int maxAttempts, Duration coolDown, Duration timeLimit) {
        return new Quiz(
                List.of(GRADE_A, ALCOA, PARTICLES, DILUTION, GOWNING),
                orderedDraw(Map.entry("zones", 3), Map.entry("donnees", 1), Map.entry("calcul", 1)),
                80,
                maxAttempts,
                coolDown,
                timeLimit);
    }

    @SafeVarargs
    private static Map<String, Integer> orderedDraw(Map.Entry<String, Integer>... entries) {
        Map<String, Integer> draw = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : entries) {
            draw.put(entry.getKey(), entry.getValue());
        }
        return draw;
    }

    private final Assessor assessor = new Assessor(RandomGenerator.of("L64X128MixRandom"));
    private final Quiz quiz = quiz(3, Duration.ofMinutes(30), Duration.ofMinutes(20));

    /** The right answer to each drawn question, worked out from the bank as a learner who knows it would. */
    private static Map<String, Answer> rightAnswers(Attempt attempt) {
        Map<String, Answer> answers = new HashMap<>();
        for (DrawnQuestion drawn : attempt.questions()) {
            List<Integer> order = drawn.order();
            Answer answer = switch (drawn.question().body()) {
                case SingleChoice single -> new Answer.Choice(order.indexOf(single.correct()));
                case MultipleChoice multiple ->
                    new Answer.Choices(new HashSet<>(
                            multiple.correct().stream().map(order::indexOf).toList()));
                case Ordering ordering ->
                    new Answer.Sequence(IntStream.range(0, order.size())
                            .map(order::indexOf)
                            .boxed()
                            .toList());
                case Numeric numeric -> new Answer.Number(numeric.expected());
                case RandomisedNumeric ignored -> {
                    Map<String, Double> p = drawn.parameters();
                    yield new Answer.Number(p.get("c2") * p.get("v2") / p.get("c1"));
                }
            };
            answers.put(drawn.question().key(), answer);
        }
        return answers;
    }

    private static Submission submission(Attempt attempt, Map<String, Answer> answers) {
        return new Submission(attempt.id(), attempt.token(), answers);
    }

    @Test
    void drawsTheDeclaredNumberPerTagWithoutRepeatingAQuestion() {
        for (int i = 0; i < 50; i++) {
            Attempt attempt = assessor.start(1, quiz, List.of(), T0);
            List<String> keys =
                    attempt.questions().stream().map(d -> d.question().key()).toList();
            assertThat(keys).hasSize(5).doesNotHaveDuplicates();
            assertThat(keys.subList(0, 3)).containsExactlyInAnyOrder("grade-a", "particules-b", "habillage");
            assertThat(keys.subList(3, 5)).containsExactly("alcoa", "dilution");
        }
    }

    @Test
    void refusesAQuizWhoseBankCannotFillATag() {
        assertThatThrownBy(() -> new Quiz(List.of(GRADE_A, ALCOA), Map.of("zones", 2), 80, 3, Duration.ZERO, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zones");
    }

    @Test
    void refusesAQuizWhereEarlierTagsCouldExhaustALaterOne() {
        Question both =
                new Question("deux-tags", Set.of("zones", "donnees"), "Question ?", "Parce que.", "x", GRADE_A.body());
        // "zones" may draw the shared question, leaving "donnees" one question short on some drawings.
        assertThatThrownBy(() -> new Quiz(
                        List.of(GRADE_A, both, ALCOA),
                        orderedDraw(Map.entry("zones", 1), Map.entry("donnees", 2)),
                        80,
                        3,
                        Duration.ZERO,
                        null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("donnees");
        // Drawn the other way round, every drawing succeeds.
        assertThat(new Quiz(
                                List.of(GRADE_A, both, ALCOA),
                                orderedDraw(Map.entry("donnees", 2), Map.entry("zones", 1)),
                                80,
                                3,
                                Duration.ZERO,
                                null)
                        .size())
                .isEqualTo(3);
    }

    @Test
    void drawsParametersWithinTheirRangesAndOnTheirSteps() {
        Set<Double> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            DrawnQuestion drawn = DrawnQuestion.draw(DILUTION, RandomGenerator.of("L64X128MixRandom"));
            double c2 = drawn.parameters().get("c2");
            assertThat(c2).isIn(0.5, 1.0, 1.5, 2.0);
            assertThat(drawn.parameters().get("c1")).isIn(5.0, 10.0, 15.0, 20.0);
            assertThat(drawn.parameters().get("v2")).isIn(100.0, 200.0, 300.0, 400.0, 500.0);
            seen.add(c2);
        }
        assertThat(seen).hasSize(4);
    }

    @Test
    void gradesRightAnswersOnTheServerWhateverTheShuffle() {
        for (int i = 0; i < 30; i++) {
            Attempt attempt = assessor.start(1, quiz, List.of(), T0);
            Attempt graded = assessor.submit(quiz, attempt, submission(attempt, rightAnswers(attempt)), T0, FR);
            assertThat(graded.result().correct()).isEqualTo(5);
            assertThat(graded.result().percent()).isEqualTo(100);
            assertThat(graded.result().passed()).isTrue();
            assertThat(graded.submittedAt()).isEqualTo(T0);
        }
    }

    @Test
    void gradesWrongAndMissingAnswersWithTheRightOneAndWhy() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        Map<String, Answer> answers = rightAnswers(attempt);
        DrawnQuestion dilution = drawnOf(attempt, "dilution");
        double right = ((Answer.Number) answers.get("dilution")).value();
        answers.put("dilution", new Answer.Number(right * 1.05)); // outside the 1 % tolerance
        answers.remove("alcoa");
        Grade grade = assessor.submit(quiz, attempt, submission(attempt, answers), T0, FR)
                .result();

        assertThat(grade.correct()).isEqualTo(3);
        assertThat(grade.percent()).isEqualTo(60);
        assertThat(grade.passed()).isFalse();
        Grade.Outcome outcome = grade.outcomes().stream()
                .filter(o -> o.questionKey().equals("dilution"))
                .findFirst()
                .orElseThrow();
        assertThat(outcome.correct()).isFalse();
        assertThat(outcome.expected()).isEqualTo(DrawnQuestion.format(right, FR) + " mL");
        assertThat(outcome.prompt())
                .doesNotContain("{")
                .contains(DrawnQuestion.format(dilution.parameters().get("v2"), FR));
        assertThat(outcome.explanation()).contains("C1·V1");
        assertThat(outcome.lessonKey()).isEqualTo("calculs");
        assertThat(grade.outcomes().stream().filter(o -> o.questionKey().equals("alcoa")))
                .singleElement()
                .satisfies(o -> assertThat(o.answered()).isFalse());
    }

    @Test
    void numericToleranceAcceptsWithinItsMarginOnly() {
        DrawnQuestion drawn = DrawnQuestion.draw(PARTICLES, RandomGenerator.of("L64X128MixRandom"));
        assertThat(drawn.isCorrect(new Answer.Number(3520))).isTrue();
        assertThat(drawn.isCorrect(new Answer.Number(3521))).isFalse();
        assertThat(drawn.isCorrect(new Answer.Choice(0))).isFalse();
        assertThat(Tolerance.relative(0.02).accepts(100, 102)).isTrue();
        assertThat(Tolerance.relative(0.02).accepts(100, 102.1)).isFalse();
    }

    @Test
    void multipleChoiceIsAllOrNothingAndOrderingNeedsEveryStepInPlace() {
        DrawnQuestion alcoa = DrawnQuestion.draw(ALCOA, RandomGenerator.of("L64X128MixRandom"));
        List<Integer> order = alcoa.order();
        assertThat(alcoa.isCorrect(new Answer.Choices(Set.of(order.indexOf(0), order.indexOf(1)))))
                .isFalse();
        assertThat(alcoa.isCorrect(new Answer.Choices(Set.of(0, 1, 2, 3)))).isFalse();

        DrawnQuestion gowning = DrawnQuestion.draw(GOWNING, RandomGenerator.of("L64X128MixRandom"));
        assertThat(gowning.order()).isNotEqualTo(List.of(0, 1, 2, 3));
        assertThat(gowning.isCorrect(new Answer.Sequence(List.of(0, 1, 2, 3)))).isFalse();
        List<Integer> right =
                IntStream.range(0, 4).map(gowning.order()::indexOf).boxed().toList();
        assertThat(gowning.isCorrect(new Answer.Sequence(right))).isTrue();
        List<Integer> swapped = new ArrayList<>(right);
        java.util.Collections.swap(swapped, 1, 2);
        assertThat(gowning.isCorrect(new Answer.Sequence(swapped))).isFalse();
    }

    @Test
    void theViewCarriesNoAnswerFormulaOrExplanation() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        for (DrawnQuestion drawn : attempt.questions()) {
            QuestionView view = drawn.view(FR);
            String shown = view.toString();
            assertThat(shown).doesNotContain(drawn.question().explanation());
            assertThat(shown).doesNotContain("c2 * v2", "3520", "grade-a-correct");
            assertThat(view.prompt()).doesNotContain("{");
            if (drawn.question().body() instanceof SingleChoice single) {
                assertThat(view.items()).containsExactlyInAnyOrderElementsOf(single.options());
            }
        }
    }

    @Test
    void refusesAReplayedSubmission() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        Submission submission = submission(attempt, rightAnswers(attempt));
        Attempt graded = assessor.submit(quiz, attempt, submission, T0.plusSeconds(60), FR);

        assertThatThrownBy(() -> assessor.submit(quiz, graded, submission, T0.plusSeconds(90), FR))
                .isInstanceOfSatisfying(
                        SubmissionRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(SubmissionRefused.Reason.ALREADY_SUBMITTED));
    }

    @Test
    void refusesADuplicateSubmissionWithOtherAnswers() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        Attempt graded = assessor.submit(quiz, attempt, submission(attempt, Map.of()), T0.plusSeconds(60), FR);

        assertThatThrownBy(() -> assessor.submit(
                        quiz, graded, submission(attempt, rightAnswers(attempt)), T0.plusSeconds(61), FR))
                .isInstanceOfSatisfying(
                        SubmissionRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(SubmissionRefused.Reason.ALREADY_SUBMITTED));
        assertThat(graded.result().correct()).isZero();
    }

    @Test
    void refusesASubmissionOfAnotherAttemptOrWithAnotherToken() {
        Attempt first = assessor.start(1, quiz, List.of(), T0);
        Attempt firstGraded = assessor.submit(quiz, first, submission(first, Map.of()), T0.plusSeconds(60), FR);
        Attempt second = assessor.start(1, quiz, List.of(firstGraded), T0.plusSeconds(3600));

        // The first attempt's page sent again against the new attempt.
        assertRefused(second, submission(first, rightAnswers(second)), SubmissionRefused.Reason.NOT_THIS_ATTEMPT);
        assertRefused(
                second,
                new Submission(second.id(), first.token(), rightAnswers(second)),
                SubmissionRefused.Reason.NOT_THIS_ATTEMPT);
        assertRefused(
                second,
                new Submission(second.id(), null, rightAnswers(second)),
                SubmissionRefused.Reason.NOT_THIS_ATTEMPT);
        assertRefused(
                second,
                new Submission(UUID.randomUUID(), second.token(), rightAnswers(second)),
                SubmissionRefused.Reason.NOT_THIS_ATTEMPT);
    }

    @Test
    void refusesAlteredSubmissions() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        Map<String, Answer> extra = new HashMap<>(rightAnswers(attempt));
        extra.put("question-not-drawn", new Answer.Number(1));
        assertRefused(attempt, submission(attempt, extra), SubmissionRefused.Reason.ALTERED);

        Map<String, Answer> beyond = new HashMap<>(rightAnswers(attempt));
        beyond.put("grade-a", new Answer.Choice(4));
        assertRefused(attempt, submission(attempt, beyond), SubmissionRefused.Reason.ALTERED);

        Map<String, Answer> notANumber = new HashMap<>(rightAnswers(attempt));
        notANumber.put("dilution", new Answer.Number(Double.NaN));
        assertRefused(attempt, submission(attempt, notANumber), SubmissionRefused.Reason.ALTERED);

        Map<String, Answer> wrongShape = new HashMap<>(rightAnswers(attempt));
        wrongShape.put("particules-b", new Answer.Choice(0));
        assertRefused(attempt, submission(attempt, wrongShape), SubmissionRefused.Reason.ALTERED);
    }

    @Test
    void refusesALateSubmissionButAcceptsOneWithinTheGracePeriod() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        Submission submission = submission(attempt, rightAnswers(attempt));
        Instant deadline = T0.plus(Duration.ofMinutes(20));
        assertThat(attempt.deadline()).isEqualTo(deadline);

        assertRefused(attempt, submission, deadline.plus(Assessor.GRACE).plusMillis(1), SubmissionRefused.Reason.LATE);
        assertThat(assessor.submit(quiz, attempt, submission, deadline.plus(Assessor.GRACE), FR)
                        .result()
                        .passed())
                .isTrue();
    }

    @Test
    void withoutATimeLimitNoSubmissionIsLate() {
        Quiz untimed = quiz(3, Duration.ZERO, null);
        Attempt attempt = assessor.start(1, untimed, List.of(), T0);
        assertThat(attempt.deadline()).isNull();
        assertThat(assessor.submit(untimed, attempt, submission(attempt, Map.of()), T0.plus(Duration.ofDays(30)), FR)
                        .submitted())
                .isTrue();
    }

    @Test
    void resumesTheOpenAttemptWithTheSameQuestions() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        assertThat(assessor.start(1, quiz, List.of(attempt), T0.plusSeconds(300)))
                .isSameAs(attempt);
    }

    @Test
    void enforcesTheCoolDownAfterAFailedAttempt() {
        Attempt first = assessor.start(1, quiz, List.of(), T0);
        Attempt failed = assessor.submit(quiz, first, submission(first, Map.of()), T0.plusSeconds(120), FR);
        assertThat(failed.result().passed()).isFalse();
        Instant retryAt = T0.plusSeconds(120).plus(Duration.ofMinutes(30));

        assertThatThrownBy(() -> assessor.start(1, quiz, List.of(failed), retryAt.minusSeconds(1)))
                .isInstanceOfSatisfying(AttemptRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(AttemptRefused.Reason.COOLING_DOWN);
                    assertThat(e.retryAt()).isEqualTo(retryAt);
                });
        Attempt second = assessor.start(1, quiz, List.of(failed), retryAt);
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.id()).isNotEqualTo(failed.id());
        assertThat(second.token()).isNotEqualTo(failed.token());
    }

    @Test
    void anAbandonedTimedAttemptCountsAndCoolsDownFromItsDeadline() {
        Attempt abandoned = assessor.start(1, quiz, List.of(), T0);
        Instant afterDeadline = abandoned.deadline().plusSeconds(1);
        assertThatThrownBy(() -> assessor.start(1, quiz, List.of(abandoned), afterDeadline))
                .isInstanceOfSatisfying(
                        AttemptRefused.class,
                        e -> assertThat(e.retryAt())
                                .isEqualTo(abandoned.deadline().plus(Duration.ofMinutes(30))));
        assertThat(assessor.start(
                                1,
                                quiz,
                                List.of(abandoned),
                                abandoned.deadline().plus(Duration.ofMinutes(30)))
                        .number())
                .isEqualTo(2);
    }

    @Test
    void refusesAttemptsBeyondTheLimitAndAfterAPass() {
        Quiz twice = quiz(2, Duration.ZERO, null);
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Attempt attempt = assessor.start(1, twice, attempts, T0);
            attempts.add(assessor.submit(twice, attempt, submission(attempt, Map.of()), T0, FR));
        }
        assertThatThrownBy(() -> assessor.start(1, twice, attempts, T0.plusSeconds(1)))
                .isInstanceOfSatisfying(
                        AttemptRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(AttemptRefused.Reason.NO_ATTEMPT_LEFT));

        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        Attempt passed = assessor.submit(quiz, attempt, submission(attempt, rightAnswers(attempt)), T0, FR);
        assertThatThrownBy(() -> assessor.start(1, quiz, List.of(passed), T0.plus(Duration.ofDays(1))))
                .isInstanceOfSatisfying(
                        AttemptRefused.class, e -> assertThat(e.reason()).isEqualTo(AttemptRefused.Reason.PASSED));
    }

    @Test
    void saysWhetherAnAttemptMayStartWithoutDrawingOne() {
        Attempt first = assessor.start(1, quiz, List.of(), T0);
        Attempt failed = assessor.submit(quiz, first, submission(first, Map.of()), T0.plusSeconds(60), FR);
        // The quiz page asks at every view: a draw there would cost a whole quiz's questions and parameters.
        Assessor neverDraws = new Assessor(() -> {
            throw new AssertionError("drew questions to answer a question about the rules");
        });

        assertThat(neverDraws.open(List.of(first), T0.plusSeconds(30))).contains(first);
        assertThat(neverDraws.open(List.of(failed), T0.plusSeconds(90))).isEmpty();
        assertThat(neverDraws.refusal(quiz, List.of(failed), T0.plusSeconds(90)))
                .hasValueSatisfying(refusal -> {
                    assertThat(refusal.reason()).isEqualTo(AttemptRefused.Reason.COOLING_DOWN);
                    assertThat(refusal.retryAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(30)));
                });
        assertThat(neverDraws.refusal(quiz, List.of(failed), T0.plusSeconds(60).plus(Duration.ofMinutes(30))))
                .isEmpty();
        assertThat(neverDraws.refusal(quiz, List.of(), T0)).isEmpty();
    }

    @Test
    void thePassMarkIsReachedOnlyAtOrAboveIt() {
        Attempt attempt = assessor.start(1, quiz, List.of(), T0);
        Map<String, Answer> fourOfFive = new HashMap<>(rightAnswers(attempt));
        fourOfFive.remove("alcoa");
        Grade grade = assessor.submit(quiz, attempt, submission(attempt, fourOfFive), T0, FR)
                .result();
        assertThat(grade.percent()).isEqualTo(80);
        assertThat(grade.passed()).isTrue();
    }

    private void assertRefused(Attempt attempt, Submission submission, SubmissionRefused.Reason reason) {
        assertRefused(attempt, submission, T0.plusSeconds(30), reason);
    }

    private void assertRefused(Attempt attempt, Submission submission, Instant at, SubmissionRefused.Reason reason) {
        assertThatThrownBy(() -> assessor.submit(quiz, attempt, submission, at, FR))
                .isInstanceOfSatisfying(
                        SubmissionRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static DrawnQuestion drawnOf(Attempt attempt, String key) {
        return attempt.questions().stream()
                .filter(d -> d.question().key().equals(key))
                .findFirst()
                .orElseThrow();
    }
}
