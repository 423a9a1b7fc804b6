package fr.guichetbio.portal.matchmaking.brief;

/** Where a brief stands: written, then open to requests, then closed (kept, read-only). */
public enum BriefStatus {
    DRAFT,
    OPEN,
    CLOSED
}
