/**
 * The REST API for machine clients ({@code /api/**}): JSON, bearer tokens of {@link
 * fr.guichetbio.portal.apiclient.ApiClientPrincipal API clients}, errors as {@code application/problem+json}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "API",
        allowedDependencies = {
            "apiclient",
            "document",
            "organisation",
            "catalogue :: exchange",
            "matchmaking :: request",
            "matchmaking :: brief",
            "web"
        })
package fr.guichetbio.portal.api;
