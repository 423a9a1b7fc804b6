/**
 * Learning records (issue 17): xAPI statements (actor, verb, object, result, timestamp) written after commit from
 * training's events, exported as JSON and optionally forwarded to an external LRS (retried, never blocking).
 */
package fr.guichetbio.training.record;
