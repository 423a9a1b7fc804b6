/**
 * The portal's side of the training module: adapts the signed-in {@link fr.guichetbio.portal.identity.PortalUser}
 * and the person's organisations (and where they work, from the catalogue's sites) to training's
 * {@link fr.guichetbio.training.Learners} port, so that training never imports the portal.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Learning",
        allowedDependencies = {
            "catalogue",
            "document",
            "identity",
            "notification",
            "organisation",
            "web",
            "training",
            "training :: course",
            "training :: enrolment",
            "training :: certification",
            "training :: credential",
            "training :: assessment",
            "training :: path",
            "training :: demo",
            "training :: authoring",
            "training :: transcript",
            "training :: record"
        })
package fr.guichetbio.portal.learning;
