package fr.guichetbio.training.assessment;

/** Why a submission was not graded; nothing about the attempt changes. */
public class SubmissionRefused extends RuntimeException {

    public enum Reason {
        /** The attempt was graded already: a replay or a second submission of the same page. */
        ALREADY_SUBMITTED,
        /** The submission names another attempt, or its token is not this attempt's. */
        NOT_THIS_ATTEMPT,
        /** It answers questions this attempt did not draw, or options it did not show. */
        ALTERED,
        /** The time limit (with its grace period) had passed. */
        LATE
    }

    private final Reason reason;

    public SubmissionRefused(Reason reason) {
        super(reason.name());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
