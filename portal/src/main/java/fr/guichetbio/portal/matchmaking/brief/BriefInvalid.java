package fr.guichetbio.portal.matchmaking.brief;

import java.util.List;

/** A brief that breaks {@link BriefRules}: nothing was saved. */
public class BriefInvalid extends RuntimeException {

    private final List<BriefRules.Problem> problems;

    public BriefInvalid(List<BriefRules.Problem> problems) {
        super("Invalid brief: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<BriefRules.Problem> problems() {
        return problems;
    }
}
