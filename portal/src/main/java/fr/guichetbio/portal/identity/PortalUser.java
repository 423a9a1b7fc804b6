package fr.guichetbio.portal.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in person: the OpenID Connect user the identity provider vouched for, plus who they are in the portal
 * (the {@code person} row) and their platform roles. Controllers take it with {@code @AuthenticationPrincipal}.
 * Serializable, with everything it holds: it lives in the session, stored in PostgreSQL and read by every replica.
 */
public final class PortalUser implements OidcUser, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final OidcUser oidcUser;
    private final long personId;
    private final String displayName;
    private final Set<PlatformRole> roles;

    /** Built at sign-in by the portal; public for tests that sign someone in with {@code oidcLogin().oidcUser(…)}. */
    public PortalUser(OidcUser oidcUser, long personId, String displayName, Set<PlatformRole> roles) {
        this.oidcUser = oidcUser;
        this.personId = personId;
        this.displayName = displayName;
        EnumSet<PlatformRole> all = EnumSet.of(PlatformRole.TRAINEE);
        all.addAll(roles);
        this.roles = Set.copyOf(all);
    }

    /** The same signed-in person with the name and roles the database holds now (refreshed at every request). */
    public PortalUser refreshed(String displayName, Set<PlatformRole> roles) {
        return new PortalUser(oidcUser, personId, displayName, roles);
    }

    public long personId() {
        return personId;
    }

    /** The name pages show: the one the person chose, else the identity provider's. */
    public String displayName() {
        return displayName;
    }

    public Set<PlatformRole> roles() {
        return roles;
    }

    public boolean hasRole(PlatformRole role) {
        return roles.contains(role);
    }

    /** A platform admin (templates: {@code ${currentUser.admin}}). */
    public boolean isAdmin() {
        return hasRole(PlatformRole.ADMIN);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
        return authorities;
    }

    @Override
    public Map<String, Object> getClaims() {
        return oidcUser.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return oidcUser.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
        return oidcUser.getIdToken();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return oidcUser.getAttributes();
    }

    /**
     * The OpenID Connect subject, whatever user-name attribute the provider's registration names: Spring Security keys
     * the authorised-client store (and anything else per principal) by this name, and two people may share a display
     * name. Pages show {@link #displayName()}.
     */
    @Override
    public String getName() {
        return oidcUser.getSubject();
    }
}
