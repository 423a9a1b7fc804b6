package fr.guichetbio.portal.matchmaking.request;

/** Why a manufacturer declines a request: a short list, so that sponsors and agencies can count them. */
public enum DeclineReason {
    NO_CAPACITY,
    SCALE,
    MODALITY_OR_PROCESS,
    TIMELINE,
    COMMERCIAL,
    OTHER
}
