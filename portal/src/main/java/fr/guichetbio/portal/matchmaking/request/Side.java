package fr.guichetbio.portal.matchmaking.request;

/** The two parties of a request: the sponsor organisation that sent it, the manufacturer organisation addressed. */
public enum Side {
    SPONSOR,
    MANUFACTURER
}
