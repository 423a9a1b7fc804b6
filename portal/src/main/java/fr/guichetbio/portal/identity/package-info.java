/**
 * People and their platform roles: OpenID Connect sign-in, the {@code person} row, {@link
 * fr.guichetbio.portal.identity.PortalUser}, security configuration.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Identity",
        allowedDependencies = {"audit", "ratelimit"})
package fr.guichetbio.portal.identity;
