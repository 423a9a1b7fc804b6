package fr.guichetbio.portal.matchmaking.request;

/** Where a request stands, as both sides see it: sent, read, answered, in discussion, then closed by the sponsor. */
public enum RequestStatus {
    SENT,
    READ,
    ANSWERED,
    IN_DISCUSSION,
    WON,
    LOST,
    WITHDRAWN;

    public boolean closed() {
        return this == WON || this == LOST || this == WITHDRAWN;
    }
}
