/**
 * Learning records (issue 17): xAPI 1.0.3 statements (actor, verb, object, result, timestamp) written after commit
 * from training's events ({@link fr.guichetbio.training.record.LearningRecorder}), exported as JSON
 * ({@link fr.guichetbio.training.record.LearningStatements}) and optionally forwarded to an external LRS
 * ({@link fr.guichetbio.training.record.LrsForwarder}: retried with backoff, never in a learner's request).
 */
@org.springframework.modulith.NamedInterface("record")
package fr.guichetbio.training.record;
