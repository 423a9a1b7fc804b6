package fr.guichetbio.portal.matchmaking.sizing;

import java.util.List;
import java.util.Optional;

/**
 * The standard production bioreactor working volumes the calculator compares: declared here only.
 *
 * <p>Where they come from: the single-use sizes are the nominal working volumes of the stirred-tank ranges the
 * industry buys (Cytiva Xcellerex XDR and Sartorius Biostat STR: 50, 200, 500, 1,000 and 2,000 L; Thermo Scientific
 * DynaDrive up to 5,000 L); the stainless-steel sizes are the usual production vessels of large antibody plants
 * (10,000 to 20,000 L). Exact working volumes vary by vendor (a 2,000 L bag runs from about 500 to 2,000 L), so they
 * are orders of magnitude to talk to a manufacturer, not a specification. The catalogue's scale bands (≤ 50, 50–500,
 * 500–2,000, 2,000–10,000, > 10,000 L) group the same sizes.
 */
public final class StandardBioreactors {

    public enum Technology {
        SINGLE_USE,
        STAINLESS_STEEL
    }

    /** A standard size: its working volume in litres and the technology usually built at that size. */
    public record Size(double litres, Technology technology) {}

    public static final List<Size> SIZES = List.of(
            new Size(50, Technology.SINGLE_USE),
            new Size(200, Technology.SINGLE_USE),
            new Size(500, Technology.SINGLE_USE),
            new Size(1_000, Technology.SINGLE_USE),
            new Size(2_000, Technology.SINGLE_USE),
            new Size(5_000, Technology.SINGLE_USE),
            new Size(10_000, Technology.STAINLESS_STEEL),
            new Size(12_500, Technology.STAINLESS_STEEL),
            new Size(15_000, Technology.STAINLESS_STEEL),
            new Size(20_000, Technology.STAINLESS_STEEL));

    private StandardBioreactors() {}

    /** The largest standard size at or below {@code litres}, if any. */
    public static Optional<Size> atOrBelow(double litres) {
        return SIZES.stream().filter(s -> s.litres() <= litres).reduce((a, b) -> b);
    }

    /** The smallest standard size at or above {@code litres}, if any. */
    public static Optional<Size> atOrAbove(double litres) {
        return SIZES.stream().filter(s -> s.litres() >= litres).findFirst();
    }
}
