package fr.guichetbio.portal.apiclient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified access token into an {@link ApiClientAuthentication}, after checking (one query) that its client
 * still exists, still belongs to the token's organisation, is not revoked and that its creator is still an active
 * admin of that organisation: such a client's unexpired token is refused at once (401). Records the client's last use, at most once a minute per instance (and per row in the database).
 */
final class ApiClientAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ApiClients clients;
    private final Clock clock;
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

    ApiClientAuthenticationConverter(ApiClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String clientId = jwt.getClaimAsString(AccessTokens.CLIENT_ID_CLAIM);
        Object organisation = jwt.getClaims().get(AccessTokens.ORGANISATION_CLAIM);
        if (clientId == null || !(organisation instanceof Number organisationId)) {
            throw new InvalidBearerTokenException("Not an API client token");
        }
        ApiClient client = clients.findUsable(clientId)
                .filter(found -> found.organisationId() == organisationId.longValue())
                .orElseThrow(() -> new InvalidBearerTokenException("Unknown or revoked API client"));
        Set<String> scopes = new LinkedHashSet<>();
        String scope = jwt.getClaimAsString("scope");
        if (scope != null && !scope.isBlank()) {
            for (String value : scope.split(" ")) {
                // A scope taken away from the client since the token was issued no longer counts.
                if (client.scopes().contains(value)) {
                    scopes.add(value);
                }
            }
        }
        List<GrantedAuthority> authorities = scopes.stream()
                .map(value -> (GrantedAuthority) new SimpleGrantedAuthority("SCOPE_" + value))
                .toList();
        touch(clientId);
        return new ApiClientAuthentication(
                jwt, new ApiClientPrincipal(clientId, client.organisationId(), Set.copyOf(scopes)), authorities);
    }

    private void touch(String clientId) {
        Instant now = clock.instant();
        Instant previous = lastTouched.get(clientId);
        if (previous == null || previous.plus(TOUCH_EVERY).isBefore(now)) {
            lastTouched.put(clientId, now);
            clients.touch(clientId);
        }
    }
}
