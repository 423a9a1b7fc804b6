package fr.guichetbio.training.canary;

import fr.guichetbio.portal.identity.PortalUser;

/**
 * Test fixture (never in the training jar, ignored by the real module check): a training class that uses a portal
 * module, which {@code TrainingModularityTests} shows the module check refuses.
 */
public class TrainingUsingThePortal {

    public String nameOf(PortalUser user) {
        return user.displayName();
    }
}
