package fr.guichetbio.portal.matchmaking.sizing;

/** A number and its unit: inputs and intermediate figures carry both so that a formula can be written out. */
public record Quantity(double value, Unit unit) {

    public static Quantity of(double value, Unit unit) {
        return new Quantity(value, unit);
    }
}
