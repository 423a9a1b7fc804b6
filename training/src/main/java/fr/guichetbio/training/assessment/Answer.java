package fr.guichetbio.training.assessment;

import java.util.List;
import java.util.Set;

/**
 * A learner's answer to one drawn question. Choices and steps are given by their position as shown, which
 * {@link DrawnQuestion} maps back to the bank's order.
 */
public sealed interface Answer {

    record Choice(int shown) implements Answer {}

    record Choices(Set<Integer> shown) implements Answer {
        public Choices {
            shown = Set.copyOf(shown);
        }
    }

    record Number(double value) implements Answer {}

    record Sequence(List<Integer> shown) implements Answer {
        public Sequence {
            shown = List.copyOf(shown);
        }
    }
}
