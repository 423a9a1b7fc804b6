package fr.guichetbio.training.certification;

import java.util.List;

/**
 * Required courses refused: the codes that name no published course, or too many of them. Nothing was written.
 *
 * @param unknownCodes the codes naming no published course, in the order given
 */
public class InvalidRequirement extends RuntimeException {

    private final List<String> unknownCodes;
    private final boolean tooMany;

    InvalidRequirement(List<String> unknownCodes, boolean tooMany) {
        super(tooMany ? "too many required courses" : "unknown courses: " + unknownCodes);
        this.unknownCodes = List.copyOf(unknownCodes);
        this.tooMany = tooMany;
    }

    public List<String> unknownCodes() {
        return unknownCodes;
    }

    public boolean tooMany() {
        return tooMany;
    }
}
