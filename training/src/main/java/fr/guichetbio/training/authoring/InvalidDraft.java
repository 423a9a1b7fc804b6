package fr.guichetbio.training.authoring;

import java.util.List;

/**
 * What an instructor wrote cannot be saved as it is: one {@link Problem} per field, nothing written. The pages show
 * each problem next to its field.
 */
public class InvalidDraft extends RuntimeException {

    private final List<Problem> problems;

    public InvalidDraft(List<Problem> problems) {
        super(problems.toString());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid draft has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    static InvalidDraft of(String field, String code, String... args) {
        return new InvalidDraft(List.of(new Problem(field, code, List.of(args))));
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem with a field.
     *
     * @param field the form field's name ({@code title}, {@code markdown}, {@code questions}, …)
     * @param code what is wrong, a message key suffix for the pages (e.g. {@code required}, {@code question.options})
     * @param args the message's arguments: the question's key, the field, a limit…
     */
    public record Problem(String field, String code, List<String> args) {
        public Problem {
            args = List.copyOf(args);
        }
    }
}
