/**
 * Who the learner is and what they may do in training, asked of the {@link fr.guichetbio.training.Learners} port:
 * {@link fr.guichetbio.training.learner.LearnerAccess} is the one place where training's features check sign-in and
 * authoring rights (instructors of the owning provider, platform admins).
 */
package fr.guichetbio.training.learner;
