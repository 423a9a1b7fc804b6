/** The append-only audit trail of changes to organisations, memberships, roles, listings and GMP evidence. */
@org.springframework.modulith.ApplicationModule(
        displayName = "Audit trail",
        allowedDependencies = {})
package fr.guichetbio.portal.audit;
