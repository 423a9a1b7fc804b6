/**
 * The portal's side of the training module: adapts the signed-in {@link fr.guichetbio.portal.identity.PortalUser}
 * and the person's organisations to training's {@link fr.guichetbio.training.Learners} port, so that training never
 * imports the portal.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Learning",
        allowedDependencies = {
            "document",
            "identity",
            "organisation",
            "training",
            "training :: course",
            "training :: enrolment",
            "training :: certification",
            "training :: assessment",
            "training :: path",
            "training :: demo",
            "training :: authoring",
            "training :: record"
        })
package fr.guichetbio.portal.learning;
