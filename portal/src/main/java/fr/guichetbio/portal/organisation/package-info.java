/**
 * Organisations (manufacturers, sponsors, training providers, public agencies), the people acting for them, and who
 * may change what on them.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Organisations",
        allowedDependencies = {"audit", "identity", "web"})
package fr.guichetbio.portal.organisation;
