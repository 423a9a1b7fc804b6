package fr.guichetbio.portal.apiclient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues access tokens to API clients (OAuth2 client credentials): authenticates the client, narrows the scopes and
 * signs a JWT access token (RFC 9068 profile: {@code typ=at+jwt}).
 */
@Service
class AccessTokens {

    static final String TOKEN_TYPE = "at+jwt";
    static final String ORGANISATION_CLAIM = "org";
    static final String CLIENT_ID_CLAIM = "client_id";

    private final ApiClients clients;
    private final ClientSecrets secrets;
    private final JwtEncoder encoder;
    private final ApiProperties properties;
    private final ApiSigningKey signingKey;
    private final Clock clock;

    AccessTokens(
            ApiClients clients,
            ClientSecrets secrets,
            JwtEncoder apiJwtEncoder,
            ApiProperties properties,
            ApiSigningKey signingKey) {
        this.clients = clients;
        this.secrets = secrets;
        this.encoder = apiJwtEncoder;
        this.properties = properties;
        this.signingKey = signingKey;
        this.clock = Clock.systemUTC();
    }

    /** An OAuth2 error answer (RFC 6749 §5.2). */
    static final class TokenError extends RuntimeException {

        private final String code;

        TokenError(String code, String description) {
            super(description, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    record IssuedToken(String value, long expiresIn, List<String> scopes) {}

    /** Issues a token for the client, with the requested scopes ({@code null}: all it was granted). */
    IssuedToken issue(String clientId, String secret, String requestedScope) {
        ApiClient client = authenticate(clientId, secret);
        List<String> scopes = narrow(client.scopes(), requestedScope);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(client.clientId())
                .audience(List.of(ApiProperties.AUDIENCE))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim(CLIENT_ID_CLAIM, client.clientId())
                .claim(ORGANISATION_CLAIM, client.organisationId())
                .claim("scope", String.join(" ", scopes))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .type(TOKEN_TYPE)
                .keyId(signingKey.keyId())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        clients.touch(client.clientId());
        return new IssuedToken(token, properties.tokenTtl().toSeconds(), scopes);
    }

    private ApiClient authenticate(String clientId, String secret) {
        if (clientId == null || clientId.isBlank() || secret == null || secret.isEmpty()) {
            throw new TokenError("invalid_client", "Client authentication failed");
        }
        ApiClients.Credentials credentials = clients.credentials(clientId).orElse(null);
        boolean valid = credentials == null
                ? secrets.matchesNothing(secret)
                : secrets.matches(secret, credentials.secretHash());
        // A revoked client, or one whose creator is no longer an active admin of its organisation, gets nothing.
        if (!valid || !credentials.usable()) {
            throw new TokenError("invalid_client", "Client authentication failed");
        }
        return credentials.client();
    }

    private static List<String> narrow(List<String> granted, String requested) {
        if (requested == null || requested.isBlank()) {
            return granted;
        }
        Set<String> asked = new LinkedHashSet<>(List.of(requested.strip().split(" +")));
        List<String> refused = new ArrayList<>();
        for (String scope : asked) {
            if (!granted.contains(scope)) {
                refused.add(scope);
            }
        }
        if (!refused.isEmpty()) {
            throw new TokenError("invalid_scope", "Scope not granted to this client: " + sanitize(refused));
        }
        return List.copyOf(asked);
    }

    /** Only scope-like characters go back into the error description. */
    private static String sanitize(List<String> scopes) {
        return String.join(" ", scopes).replaceAll("[^A-Za-z0-9:_ .-]", "?");
    }
}
