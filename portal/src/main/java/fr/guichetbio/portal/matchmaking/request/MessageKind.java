package fr.guichetbio.portal.matchmaking.request;

/** An entry of a request's thread: what was said or done, and by which {@link Side} it may be. */
public enum MessageKind {
    /** The request itself, with the sponsor's message. */
    SENT(Side.SPONSOR),
    /** A message in the discussion, either side. */
    MESSAGE(null),
    /** The manufacturer is interested, with an indicative slot and timeline. */
    INTERESTED(Side.MANUFACTURER),
    /** The manufacturer asks a question before answering. */
    QUESTION(Side.MANUFACTURER),
    /** The manufacturer declines, with a reason. */
    DECLINED(Side.MANUFACTURER),
    /** The sponsor revealed its identity. */
    REVEALED(Side.SPONSOR),
    /** The sponsor closed the request (won, lost, withdrawn). */
    CLOSED(Side.SPONSOR);

    private final Side only;

    MessageKind(Side only) {
        this.only = only;
    }

    /** Whether {@code side} may post this kind as a reply. */
    public boolean allowedFor(Side side) {
        return only == null || only == side;
    }
}
