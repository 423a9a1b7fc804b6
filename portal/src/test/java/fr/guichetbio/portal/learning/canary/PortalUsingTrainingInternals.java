package fr.guichetbio.portal.learning.canary;

import fr.guichetbio.training.learner.LearnerAccess;

/**
 * Test fixture (ignored by the real module check): a portal class that uses one of training's internal packages
 * instead of its API, which {@code TrainingModularityTests} shows the module check refuses.
 */
public class PortalUsingTrainingInternals {

    public boolean mayAuthor(LearnerAccess access, long providerId) {
        return access.canAuthor(providerId);
    }
}
