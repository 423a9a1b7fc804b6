package fr.guichetbio.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

class PersonRecordingOidcUserServiceTest {

    @SuppressWarnings("unchecked")
    private final OAuth2UserService<OidcUserRequest, OidcUser> delegate = mock(OAuth2UserService.class);

    private final Persons persons = mock(Persons.class);

    private final PersonRecordingOidcUserService service = new PersonRecordingOidcUserService(delegate, persons);

    @Test
    void recordsTheLoginOfTheUserTheDelegateLoaded() throws Exception {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:9000")
                .subject("camille")
                .claims(claims -> claims.putAll(Map.of(
                        "name",
                        "Camille Martin",
                        "email",
                        "camille@example.org",
                        "email_verified",
                        false,
                        "locale",
                        "fr-FR")))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        OidcUser loaded = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken, "name");
        given(delegate.loadUser(any())).willReturn(loaded);
        given(persons.recordLogin(any()))
                .willReturn(
                        new Persons.SignedInPerson(42, "Camille M.", false, java.util.Set.of(PlatformRole.SPONSOR)));

        OidcUser user = service.loadUser(request(idToken));

        assertThat(user).isInstanceOfSatisfying(PortalUser.class, portalUser -> {
            assertThat(portalUser.personId()).isEqualTo(42);
            assertThat(portalUser.displayName()).isEqualTo("Camille M.");
            assertThat(portalUser.roles()).containsExactlyInAnyOrder(PlatformRole.SPONSOR, PlatformRole.TRAINEE);
            assertThat(portalUser.getAuthorities())
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("ROLE_SPONSOR", "ROLE_TRAINEE");
            assertThat(portalUser.getSubject()).isEqualTo("camille");
        });
        then(persons)
                .should()
                .recordLogin(new Persons.PersonLogin(
                        new URL("http://localhost:9000").toString(),
                        "camille",
                        "Camille Martin",
                        "camille@example.org",
                        "fr-FR",
                        false));
    }

    @Test
    void refusesASuspendedPerson() throws Exception {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:9000")
                .subject("suspended")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        given(delegate.loadUser(any()))
                .willReturn(new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken));
        given(persons.recordLogin(any())).willReturn(new Persons.SignedInPerson(7, null, true, java.util.Set.of()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.loadUser(request(idToken)))
                .isInstanceOfSatisfying(
                        OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode())
                                .isEqualTo(PersonRecordingOidcUserService.SUSPENDED));
    }

    @Test
    void recordsNothingWhenLoadingFails() {
        given(delegate.loadUser(any())).willThrow(new OAuth2AuthenticationException(new OAuth2Error("invalid_token")));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> service.loadUser(request(OidcIdToken.withTokenValue("x")
                                .subject("s")
                                .issuedAt(Instant.now())
                                .expiresAt(Instant.now().plusSeconds(60))
                                .build())))
                .isInstanceOf(OAuth2AuthenticationException.class);
        then(persons).should(never()).recordLogin(any());
    }

    @Test
    void twoPeopleWithTheSameNameDoNotShareAuthorisedClients() {
        // Two sign-ins whose identity provider sends the same display name, the user-name attribute the portal used.
        PortalUser first = signIn("subject-1", 1);
        PortalUser second = signIn("subject-2", 2);
        ClientRegistration registration = request(first.getIdToken()).getClientRegistration();
        // The store Spring Boot configures for the login: in memory, keyed by the authentication's name.
        OAuth2AuthorizedClientRepository store = new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(
                new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(registration)));
        var firstLogin = new OAuth2AuthenticationToken(first, first.getAuthorities(), "guichet");
        var secondLogin = new OAuth2AuthenticationToken(second, second.getAuthorities(), "guichet");
        var request = new MockHttpServletRequest();
        var response = new MockHttpServletResponse();
        OAuth2AccessToken token = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                "first-access",
                Instant.now(),
                Instant.now().plusSeconds(60));
        // As the login filter saves it: under the authentication's name.
        store.saveAuthorizedClient(
                new OAuth2AuthorizedClient(registration, firstLogin.getName(), token), firstLogin, request, response);

        assertThat(firstLogin.getName()).isEqualTo("subject-1");
        assertThat(secondLogin.getName()).isEqualTo("subject-2");
        assertThat((Object) store.loadAuthorizedClient("guichet", secondLogin, request))
                .isNull();
        OAuth2AuthorizedClient own = store.loadAuthorizedClient("guichet", firstLogin, request);
        assertThat(own.getAccessToken().getTokenValue()).isEqualTo("first-access");
    }

    private PortalUser signIn(String subject, long personId) {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token-" + subject)
                .issuer("http://localhost:9000")
                .subject(subject)
                .claim("name", "Camille Martin")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        given(delegate.loadUser(any()))
                .willReturn(new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken, "name"));
        given(persons.recordLogin(any()))
                .willReturn(new Persons.SignedInPerson(personId, null, false, java.util.Set.of()));
        return (PortalUser) service.loadUser(request(idToken));
    }

    private static OidcUserRequest request(OidcIdToken idToken) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("guichet")
                .clientId("guichet-portal")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("http://localhost:9000/oauth2/authorize")
                .tokenUri("http://localhost:9000/oauth2/token")
                .issuerUri("http://localhost:9000")
                .build();
        OAuth2AccessToken accessToken = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                "access",
                Instant.now(),
                Instant.now().plusSeconds(60));
        return new OidcUserRequest(registration, accessToken, idToken);
    }
}
