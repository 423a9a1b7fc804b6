package fr.guichetbio.portal.matchmaking.sizing;

/** Rounding that planning needs: a fraction of a batch, a train or a suite is a whole one. */
final class Rounding {

    /**
     * Tolerance below a whole number: 14.000000000000002 batches (a floating-point leftover of 50 / 3.5 × …) is 14,
     * not 15.
     */
    private static final double TOLERANCE = 1e-9;

    private Rounding() {}

    static int up(double value) {
        return (int) Math.ceil(value - TOLERANCE * Math.max(1, Math.abs(value)));
    }
}
