package fr.guichetbio.portal.apiclient;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The API's token settings ({@code guichet.api.*}).
 *
 * @param issuer the {@code iss} of the tokens the portal issues and accepts: its public base URL (env
 *     {@code GUICHET_API_ISSUER})
 * @param signingKey RSA private key, PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), env
 *     {@code GUICHET_API_SIGNING_KEY}; when absent an ephemeral key is generated at startup
 * @param signingKeyId the {@code kid} of that key (env {@code GUICHET_API_SIGNING_KEY_ID}); default: its RFC 7638
 *     thumbprint
 * @param tokenTtl lifetime of an access token (env {@code GUICHET_API_TOKEN_TTL})
 * @param clockSkew tolerance on {@code exp}/{@code nbf} when checking tokens
 */
@Validated
@ConfigurationProperties("guichet.api")
public record ApiProperties(
        @DefaultValue("http://localhost:8080") @NotBlank String issuer,
        String signingKey,
        String signingKeyId,
        @DefaultValue("15m") @NotNull Duration tokenTtl,
        @DefaultValue("30s") @NotNull Duration clockSkew) {

    /** The {@code aud} of every token: this API. */
    public static final String AUDIENCE = "guichet-api";

    @Override
    public String toString() {
        return "ApiProperties[issuer=" + issuer + ", signingKey=" + (signingKey == null ? "none" : "***")
                + ", signingKeyId=" + signingKeyId + ", tokenTtl=" + tokenTtl + ", clockSkew=" + clockSkew + "]";
    }
}
