/**
 * Enrolment and progress (issue 16): enrol, resume, progress per module and course, the completion rule (all lessons
 * seen and the quiz passed) and the learner's "Mes formations" view. Completion is published as an event.
 */
@org.springframework.modulith.NamedInterface("enrolment")
package fr.guichetbio.training.enrolment;
