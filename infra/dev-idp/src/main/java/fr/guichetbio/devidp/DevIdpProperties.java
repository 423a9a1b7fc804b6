package fr.guichetbio.devidp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the development identity provider. The stack launcher passes everything through
 * environment variables (relaxed binding): {@code DEVIDP_ISSUER}, {@code DEVIDP_ACCOUNTS_<USERNAME>_PASSWORD|NAME|EMAIL|LOCALE},
 * {@code DEVIDP_PORTAL_CLIENT_CLIENT_ID|CLIENT_SECRET|BASE_URL}. Nothing secret has a default.
 *
 * @param issuer issuer URL; defaults to {@code http://localhost:${server.port}} (see application.properties). Blank:
 *     derived from each request (only useful in tests on a random port)
 * @param accounts accounts keyed by username (lowercase; from environment variables, letters and digits only)
 * @param portalClient the portal's OAuth2 client registration
 */
@Validated
@ConfigurationProperties("devidp")
public record DevIdpProperties(
        @Pattern(regexp = "^$|https?://\\S+", message = "must be an http(s) URL (DEVIDP_ISSUER)")
        String issuer,

        @NotEmpty(
                message = "no account configured: set at least DEVIDP_ACCOUNTS_<USERNAME>_PASSWORD,"
                        + " DEVIDP_ACCOUNTS_<USERNAME>_NAME and DEVIDP_ACCOUNTS_<USERNAME>_EMAIL")
        Map<
                        @Pattern(
                                regexp = "[a-z0-9][a-z0-9._-]*",
                                message = "usernames must be lowercase letters and digits")
                        String,
                        @Valid Account>
                accounts,

        @Valid @DefaultValue PortalClient portalClient) {

    public DevIdpProperties {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    /** The issuer, or {@code null} when it must be resolved from the request. */
    public String issuerOrNull() {
        return issuer == null || issuer.isBlank() ? null : issuer;
    }

    /**
     * One demo account.
     *
     * @param password clear-text password chosen by the launcher (hashed at startup, never logged)
     * @param name display name ({@code name} claim)
     * @param email e-mail address ({@code email} claim, always verified)
     * @param locale BCP 47 language tag ({@code locale} claim)
     */
    public record Account(
            @NotBlank(message = "must be set (DEVIDP_ACCOUNTS_<USERNAME>_PASSWORD)")
            String password,

            @NotBlank(message = "must be set (DEVIDP_ACCOUNTS_<USERNAME>_NAME)")
            String name,

            @NotBlank(message = "must be set (DEVIDP_ACCOUNTS_<USERNAME>_EMAIL)") @Email
            String email,

            @DefaultValue("fr") @NotBlank String locale) {

        @Override
        public String toString() {
            return "Account[name=" + name + ", email=" + email + ", locale=" + locale + "]";
        }
    }

    /**
     * The portal's client registration.
     *
     * @param clientId client id
     * @param clientSecret client secret (required, no default; hashed at startup, never logged)
     * @param baseUrl base URL of the portal, from which the redirect and post-logout redirect URIs derive
     */
    public record PortalClient(
            @DefaultValue("guichet-portal") @NotBlank(message = "must be set (DEVIDP_PORTAL_CLIENT_CLIENT_ID)")
            String clientId,

            @NotBlank(message = "is required: set the environment variable DEVIDP_PORTAL_CLIENT_CLIENT_SECRET")
            String clientSecret,

            @DefaultValue("http://localhost:8080")
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL (DEVIDP_PORTAL_CLIENT_BASE_URL)")
            String baseUrl) {

        public String redirectUri() {
            return base() + "/login/oauth2/code/guichet";
        }

        public String postLogoutRedirectUri() {
            return base() + "/";
        }

        private String base() {
            return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }

        @Override
        public String toString() {
            return "PortalClient[clientId=" + clientId + ", baseUrl=" + baseUrl + "]";
        }
    }
}
