package fr.guichetbio.portal.matchmaking.brief;

/** The brief changed since the form was opened, or its status forbids the change: nothing was saved. */
public class BriefConflict extends RuntimeException {

    private final String messageKey;

    public BriefConflict(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
