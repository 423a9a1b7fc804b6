package fr.guichetbio.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.PortalApplication;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import fr.guichetbio.portal.support.TestSessions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.session.SessionRepository;

/**
 * Sessions in PostgreSQL, shared by the replicas: two portals on one database, as behind a load balancer without
 * sticky sessions. A signed-in session stored by the first (what the sign-in leaves: the security context with our
 * {@link PortalUser}, the identity provider's authorised client) serves the person on the second; a CSRF token the
 * second rendered is accepted by the first; the flash attributes of a refused form (the form and its errors) written
 * by one are shown by the other; every attribute the portals wrote reads back from its stored bytes; signing out on
 * one deletes the row, and the other then asks for a sign-in.
 */
class SharedSessionsTest {

    private static final String COOKIE = TestSessions.COOKIE;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void aSessionServesThePersonOnEitherReplicaUntilSignOut() throws Exception {
        String database = TestDatabase.create();
        try (ConfigurableApplicationContext first = portal(database);
                ConfigurableApplicationContext second = portal(database)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            long person = TestPeople.person(jdbc, "Camille Session", "camille-session@example.org");
            String slug = organisationAdministeredBy(jdbc, person);
            String cookie = signedInSession(first, TestPeople.portalUser(jdbc, person));

            // The second replica knows the person from the first one's session.
            HttpResponse<String> members = get(second, "/organisations/" + slug + "/membres", cookie);
            assertThat(members.statusCode()).isEqualTo(200);
            Document page = Jsoup.parse(members.body());
            assertThat(page.text()).contains("Camille Session");
            String invitations = "/organisations/" + slug + "/invitations";
            String csrf = page.selectFirst("form[action=" + invitations + "] input[name=_csrf]")
                    .val();

            // The first replica accepts the second's CSRF token; the refused form comes back on the second.
            HttpResponse<String> refused = post(
                    first, invitations, cookie, Map.of("_csrf", csrf, "email", "pas-une-adresse", "role", "MEMBER"));
            assertThat(refused.statusCode()).isEqualTo(302);
            Document again = Jsoup.parse(
                    get(second, "/organisations/" + slug + "/membres", cookie).body());
            assertThat(again.selectFirst("form[action=" + invitations + "] input[name=email]")
                            .val())
                    .isEqualTo("pas-une-adresse");
            assertThat(again.select("form[action=" + invitations + "] .fr-error-text"))
                    .isNotEmpty();

            // Every attribute round-trips through its bytes, as any replica reads it.
            Map<String, Object> attributes = storedAttributes(jdbc, cookie);
            assertThat(attributes)
                    .containsKeys(
                            HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                            "org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository"
                                    + ".AUTHORIZED_CLIENTS",
                            "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN");
            SecurityContext context =
                    (SecurityContext) attributes.get(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            assertThat(context.getAuthentication().getPrincipal()).isInstanceOfSatisfying(PortalUser.class, user -> {
                assertThat(user.personId()).isEqualTo(person);
                assertThat(user.displayName()).isEqualTo("Camille Session");
                assertThat(user.roles()).containsExactly(PlatformRole.TRAINEE);
                assertThat(user.getIdToken().getSubject()).isEqualTo("person-" + person);
            });

            // Signing out on the second deletes the session: the first asks for a sign-in.
            String logoutCsrf = Jsoup.parse(get(second, "/compte", cookie).body())
                    .selectFirst("form[action=/logout] input[name=_csrf]")
                    .val();
            assertThat(post(second, "/logout", cookie, Map.of("_csrf", logoutCsrf))
                            .statusCode())
                    .isEqualTo(302);
            assertThat(jdbc.sql("select count(*) from spring_session")
                            .query(Long.class)
                            .single())
                    .isZero();
            HttpResponse<String> afterSignOut = get(first, "/compte", cookie);
            assertThat(afterSignOut.statusCode()).isEqualTo(302);
            assertThat(afterSignOut.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith(SecurityConfiguration.LOGIN_PATH));
        }
    }

    @Test
    void theRequestSavedBeforeSignInIsInTheSharedSessionAndAnonymousPagesWriteNone() throws Exception {
        String database = TestDatabase.create();
        try (ConfigurableApplicationContext portal = portal(database)) {
            // A visitor's page costs no session row (crawlers would otherwise write one per visit).
            assertThat(get(portal, "/", null).headers().allValues("Set-Cookie"))
                    .noneMatch(header -> header.startsWith(COOKIE + "="));
            assertThat(portal.getBean(JdbcClient.class)
                            .sql("select count(*) from spring_session")
                            .query(Long.class)
                            .single())
                    .isZero();

            HttpResponse<String> anonymous = get(portal, "/compte?onglet=1", null);

            assertThat(anonymous.statusCode()).isEqualTo(302);
            String cookie = anonymous.headers().allValues("Set-Cookie").stream()
                    .filter(header -> header.startsWith(COOKIE + "="))
                    .map(header -> header.substring(COOKIE.length() + 1, header.indexOf(';')))
                    .findFirst()
                    .orElseThrow();
            Map<String, Object> attributes = storedAttributes(portal.getBean(JdbcClient.class), cookie);
            assertThat(attributes.get("SPRING_SECURITY_SAVED_REQUEST"))
                    .isInstanceOfSatisfying(
                            SavedRequest.class,
                            saved -> assertThat(saved.getRedirectUrl()).contains("/compte?onglet=1"));
        }
    }

    /**
     * Stores, through the first portal's beans, a session as the OpenID Connect sign-in leaves it, the authorised client
     * where the portal's repository keeps it; returns its cookie value.
     */
    private static String signedInSession(ConfigurableApplicationContext portal, PortalUser user) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        portal.getBean(OAuth2AuthorizedClientRepository.class)
                .saveAuthorizedClient(
                        authorizedClient(user),
                        TestSessions.authentication(user),
                        request,
                        new MockHttpServletResponse());
        Map<String, Object> authorizedClients = new java.util.HashMap<>();
        java.util.Collections.list(request.getSession().getAttributeNames())
                .forEach(
                        name -> authorizedClients.put(name, request.getSession().getAttribute(name)));
        assertThat(authorizedClients)
                .as("the authorised client kept in the HTTP session")
                .isNotEmpty();
        return TestSessions.signedIn(portal.getBean(SessionRepository.class), user, authorizedClients);
    }

    private static OAuth2AuthorizedClient authorizedClient(PortalUser user) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(SecurityConfiguration.REGISTRATION_ID)
                .clientId("guichet-portal")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("http://localhost:1/issuer/auth")
                .tokenUri("http://localhost:1/issuer/token")
                .scope("openid", "profile", "email")
                .build();
        OAuth2AccessToken token = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                "access-token",
                Instant.now(),
                Instant.now().plusSeconds(300));
        return new OAuth2AuthorizedClient(registration, user.getName(), token);
    }

    /** The session's attributes, read from their stored bytes as Spring Session JDBC reads them. */
    private static Map<String, Object> storedAttributes(JdbcClient jdbc, String cookie) {
        String id = TestSessions.id(cookie);
        DeserializingConverter bytes = new DeserializingConverter();
        Map<String, Object> attributes = new java.util.HashMap<>();
        jdbc.sql("""
                        select a.attribute_name, a.attribute_bytes from spring_session_attributes a
                          join spring_session s on s.primary_id = a.session_primary_id
                         where s.session_id = :id""")
                .param("id", id)
                .query((rs, n) -> attributes.put(rs.getString(1), bytes.convert(rs.getBytes(2))))
                .list();
        return attributes;
    }

    private static String organisationAdministeredBy(JdbcClient jdbc, long person) {
        long organisation = jdbc.sql("""
                        insert into organisation (slug, name, kind, status)
                        values ('session-bio', 'Session Bio (fictive)', 'MANUFACTURER', 'ACTIVE') returning id
                        """).query(Long.class).single();
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, 'ADMIN')")
                .param("o", organisation)
                .param("p", person)
                .update();
        return "session-bio";
    }

    private HttpResponse<String> get(ConfigurableApplicationContext portal, String path, String cookie)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(portal, path)).GET();
        Optional.ofNullable(cookie).ifPresent(value -> request.header("Cookie", COOKIE + "=" + value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(
            ConfigurableApplicationContext portal, String path, String cookie, Map<String, String> form)
            throws Exception {
        String body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(uri(portal, path))
                        .header("Cookie", COOKIE + "=" + cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext portal, String path) {
        return URI.create("http://localhost:" + portal.getEnvironment().getProperty("local.server.port") + path);
    }

    /** A portal replica on the database, on a port of its own. */
    private static ConfigurableApplicationContext portal(String database) {
        // Arguments, not default properties: they must win over the configuration files.
        return new SpringApplicationBuilder(PortalApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.url(database),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spring.elasticsearch.uris=http://127.0.0.1:1",
                        "--guichet.indexing.enabled=false",
                        "--guichet.demo.accounts=",
                        // The production sessions (the tests' application.properties keeps them in the container).
                        "--spring.autoconfigure.exclude=");
    }
}
