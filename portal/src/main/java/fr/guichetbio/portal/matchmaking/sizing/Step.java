package fr.guichetbio.portal.matchmaking.sizing;

import java.util.List;

/**
 * One line of a calculation, in the order it is computed: its {@code name} (the pages write it out with the messages
 * {@code sizing.step.<name>.label}, {@code .formula} in words and {@code .numbers} with the operands as {0}, {1}…), the
 * operands it used and the figure it gives.
 */
public record Step(String name, List<Quantity> operands, Quantity result) {

    public Step {
        operands = List.copyOf(operands);
    }

    static Step of(String name, Quantity result, Quantity... operands) {
        return new Step(name, List.of(operands), result);
    }
}
