package fr.guichetbio.portal.identity;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Loads the OpenID Connect user with the standard service, then records the login in the {@code person} table. */
class PersonRecordingOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

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
        persons.recordLogin(new Persons.PersonLogin(
                issuer, user.getSubject(), user.getFullName(), user.getEmail(), user.getLocale()));
        return user;
    }
}
