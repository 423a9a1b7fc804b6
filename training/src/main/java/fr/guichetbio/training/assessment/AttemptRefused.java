package fr.guichetbio.training.assessment;

import java.time.Instant;

/** Why a learner may not start an attempt now, and from when they may (cool-down only). */
public class AttemptRefused extends RuntimeException {

    public enum Reason {
        /** The quiz is passed already. */
        PASSED,
        /** Every attempt allowed has been used. */
        NO_ATTEMPT_LEFT,
        /** The cool-down after the last attempt is running. */
        COOLING_DOWN
    }

    private final Reason reason;
    private final Instant retryAt;

    AttemptRefused(Reason reason, Instant retryAt) {
        super(reason + (retryAt == null ? "" : " until " + retryAt));
        this.reason = reason;
        this.retryAt = retryAt;
    }

    public Reason reason() {
        return reason;
    }

    /** When a new attempt will be allowed; {@code null} unless cooling down. */
    public Instant retryAt() {
        return retryAt;
    }
}
