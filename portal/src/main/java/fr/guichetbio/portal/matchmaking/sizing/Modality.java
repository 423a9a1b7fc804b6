package fr.guichetbio.portal.matchmaking.sizing;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three families the calculator sizes, each with its own formula, and the value of the {@code modalite} URL
 * parameter that selects it.
 */
public enum Modality {
    /** Monoclonal antibodies and recombinant proteins: a mass a year from a titre in a bioreactor. */
    PROTEINS("proteines"),
    /** AAV and lentiviral vectors: vector genomes a year from a dose. */
    VIRAL_VECTORS("vecteurs-viraux"),
    /** Cell therapies: batches a year and the cleanroom suites they occupy. */
    CELL_THERAPIES("therapies-cellulaires");

    public static final String PARAMETER = "modalite";

    private final String parameter;

    Modality(String parameter) {
        this.parameter = parameter;
    }

    /** The value of {@link #PARAMETER} in URLs. */
    public String parameter() {
        return parameter;
    }

    public static Optional<Modality> fromParameter(String value) {
        return Arrays.stream(values()).filter(m -> m.parameter.equals(value)).findFirst();
    }
}
