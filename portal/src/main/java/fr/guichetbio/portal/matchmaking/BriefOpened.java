package fr.guichetbio.portal.matchmaking;

/** A sponsor opened a brief (published in the opening transaction): a demand to count. */
public record BriefOpened(long briefId) {}
