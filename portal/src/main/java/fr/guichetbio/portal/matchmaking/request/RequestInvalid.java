package fr.guichetbio.portal.matchmaking.request;

import fr.guichetbio.portal.matchmaking.brief.BriefRules;
import java.util.List;

/** A request or reply that cannot be accepted as sent (each problem a field and a message key): nothing was saved. */
public class RequestInvalid extends RuntimeException {

    private final List<BriefRules.Problem> problems;

    public RequestInvalid(List<BriefRules.Problem> problems) {
        super("Invalid request: " + problems);
        this.problems = List.copyOf(problems);
    }

    public RequestInvalid(String field, String messageKey) {
        this(List.of(new BriefRules.Problem(field, messageKey)));
    }

    public List<BriefRules.Problem> problems() {
        return problems;
    }
}
