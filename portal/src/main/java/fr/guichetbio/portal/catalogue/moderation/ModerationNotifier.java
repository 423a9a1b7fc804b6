package fr.guichetbio.portal.catalogue.moderation;

/**
 * Tells an organisation's administrators that a moderator rejected one of its listings or pieces of GMP evidence, and
 * why. Called once the rejection is committed. The portal has no mail server yet: the only implementation logs that a
 * mail would be sent; production plugs an SMTP implementation here. The rejection is also in the organisation's audit
 * journal, whatever the notifier does.
 */
public interface ModerationNotifier {

    /** What was rejected. */
    enum Subject {
        EVIDENCE,
        LISTING
    }

    /**
     * @param organisationId the organisation whose administrators are told
     * @param subjectId the evidence's or site's id
     * @param label what the organisation knows the subject by: the site's name, or the evidence's authority and
     *     reference
     * @param reason the moderator's reason, as written
     */
    record Rejection(long organisationId, Subject subject, long subjectId, String label, String reason) {}

    /**
     * Called after the rejection is committed: an implementation must not throw (a mail server down is its own
     * problem to log and retry), or the moderator would see an error for a decision that was saved.
     */
    void rejected(Rejection rejection);
}
