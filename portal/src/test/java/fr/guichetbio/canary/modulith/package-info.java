/**
 * A two-module application whose only purpose is to break a rule: {@code alpha} declares no allowed dependency yet
 * uses {@code beta}. {@code ModularityTests} verifies it to prove that a violation fails the verification.
 */
package fr.guichetbio.canary.modulith;
