package fr.guichetbio.portal.identity;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Loads the OpenID Connect user with the standard service, records the login in the {@code person} table and returns
 * the {@link PortalUser} with the roles the portal grants. A suspended person cannot sign in.
 */
class PersonRecordingOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String SUSPENDED = "account_suspended";

    private final OAuth2UserService<OidcUserRequest, OidcUser> delegate;

    private final Persons persons;

    PersonRecordingOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> delegate, Persons persons) {
        this.delegate = delegate;
        this.persons = persons;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        String issuer = user.getIssuer() != null
                ? user.getIssuer().toString()
                : request.getClientRegistration().getProviderDetails().getIssuerUri();
        Persons.SignedInPerson person = persons.recordLogin(new Persons.PersonLogin(
                issuer,
                user.getSubject(),
                user.getFullName(),
                user.getEmail(),
                user.getLocale(),
                // Kept as the provider said it (null when not sent): invitations and claim suggestions rely on it.
                user.getEmailVerified()));
        if (person.suspended()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(SUSPENDED), "This account is suspended");
        }
        String shown = person.displayName() != null ? person.displayName() : fallbackName(user);
        return new PortalUser(user, person.id(), shown, person.roles());
    }

    private static String fallbackName(OidcUser user) {
        for (String value : new String[] {user.getPreferredUsername(), user.getEmail()}) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return user.getSubject();
    }
}
