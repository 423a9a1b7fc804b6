package fr.guichetbio.portal.apiclient;

import java.io.Serial;
import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/** An authenticated API request: the client (principal), its token (credentials) and {@code SCOPE_*} authorities. */
public final class ApiClientAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ApiClientPrincipal client;

    ApiClientAuthentication(Jwt jwt, ApiClientPrincipal client, Collection<? extends GrantedAuthority> authorities) {
        super(jwt, client, jwt, authorities);
        this.client = client;
        setAuthenticated(true);
    }

    public ApiClientPrincipal client() {
        return client;
    }

    @Override
    public java.util.Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return client.clientId();
    }
}
