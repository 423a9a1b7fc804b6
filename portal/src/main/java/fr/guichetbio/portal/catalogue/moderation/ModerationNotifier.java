package fr.guichetbio.portal.catalogue.moderation;

/**
 * Tells an organisation's administrators that a moderator rejected one of its listings or pieces of GMP evidence, and
 * why. Called once the rejection is committed, in the transaction of the listener; implemented through the
 * notification module ({@link NoticeModerationNotifier}: a notice and an e-mail per administrator). The rejection is
 * also in the organisation's audit journal, whatever the notifier does.
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
     * Called after the rejection is committed, in the listener's transaction: when it throws, what it wrote rolls back
     * and the event publication is resubmitted later; the moderator's decision stays saved either way. It never
     * talks to a mail server itself (the notification module's outbox does, after commit).
     */
    void rejected(Rejection rejection);
}
