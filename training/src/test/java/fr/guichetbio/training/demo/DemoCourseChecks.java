package fr.guichetbio.training.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.training.assessment.Formula;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.Question.RandomisedNumeric;
import fr.guichetbio.training.assessment.Question.Range;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Checks every demo course's calculation questions pass. */
final class DemoCourseChecks {

    private DemoCourseChecks() {}

    /** Every value a randomised question can draw gives a finite, positive answer (the ranges are small grids). */
    static void everyDrawableCalculationHasAnAnswer(DemoCourse course) {
        for (Question question : course.quiz().bank()) {
            if (question.body() instanceof RandomisedNumeric randomised) {
                forEveryCombination(
                        randomised.parameters(),
                        0,
                        new HashMap<>(),
                        values -> assertThat(randomised.formula().evaluate(values))
                                .as(question.key() + " " + values)
                                .isFinite()
                                .isPositive());
            }
        }
    }

    /** The formula of a calculation question, which uses every parameter the question draws. */
    static Formula formula(DemoCourse course, String key) {
        RandomisedNumeric body = (RandomisedNumeric) course.quiz().bank().stream()
                .filter(q -> q.key().equals(key))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(body.formula().parameters())
                .isEqualTo(
                        Set.copyOf(body.parameters().stream().map(Range::name).toList()));
        return body.formula();
    }

    private static void forEveryCombination(
            List<Range> ranges, int index, Map<String, Double> values, Consumer<Map<String, Double>> check) {
        if (index == ranges.size()) {
            check.accept(Map.copyOf(values));
            return;
        }
        Range range = ranges.get(index);
        for (double value = range.min(); value <= range.max() + 1e-9; value += range.step()) {
            values.put(range.name(), value);
            forEveryCombination(ranges, index + 1, values, check);
        }
    }
}
