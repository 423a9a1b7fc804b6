/**
 * Machine access to the API: an organisation's API clients (OAuth2 client credentials, managed by its admins), the
 * portal's token endpoint and signing key, and the bearer-token authentication of {@code /api/**}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "API clients",
        allowedDependencies = {"audit", "identity", "organisation"})
package fr.guichetbio.portal.apiclient;
