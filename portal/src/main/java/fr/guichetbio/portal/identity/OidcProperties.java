package fr.guichetbio.portal.identity;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The portal's OpenID Connect settings ({@code guichet.oidc.*}), wired into the Spring Security client registration
 * {@code guichet} and the resource server in {@code application.yml}.
 *
 * @param issuerUri issuer of the identity provider (env {@code GUICHET_OIDC_ISSUER_URI}); the development provider's
 *     under the profile {@code local}, else required
 * @param clientId client id of the portal at the identity provider (env {@code GUICHET_OIDC_CLIENT_ID})
 * @param clientSecret client secret, required and without default (env {@code GUICHET_OIDC_CLIENT_SECRET})
 */
@Validated
@ConfigurationProperties("guichet.oidc")
public record OidcProperties(
        @NotBlank(message = "is required: set the environment variable GUICHET_OIDC_ISSUER_URI")
        String issuerUri,

        @DefaultValue("guichet-portal") @NotBlank String clientId,

        @NotBlank(message = "is required: set the environment variable GUICHET_OIDC_CLIENT_SECRET")
        String clientSecret) {

    /** The origin (scheme, host and port) of the issuer, e.g. for the Content Security Policy. */
    public String issuerOrigin() {
        URI uri = URI.create(issuerUri);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public String toString() {
        return "OidcProperties[issuerUri=" + issuerUri + ", clientId=" + clientId + "]";
    }
}
