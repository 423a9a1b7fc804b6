package fr.guichetbio.portal.identity;

/**
 * Published inside the transaction that deletes a person's account, before their row is pseudonymised: each module
 * that holds data on the person ends or erases it there (its listener may still read the person's address through
 * {@link People}), so that the deletion and the erasure commit or fail together.
 */
public record AccountDeleted(long personId) {}
