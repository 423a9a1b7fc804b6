package fr.guichetbio.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the whole authorization-code flow as a browser and the portal would, over real HTTP. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Blank issuer: resolved from the request, since the port is random.
            "devidp.issuer=",
            "devidp.accounts.sponsor.password=sponsor-test-pw",
            "devidp.accounts.sponsor.name=Sophie Sponsor",
            "devidp.accounts.sponsor.email=sponsor@example.test",
            "devidp.accounts.sponsor.locale=en",
            "devidp.accounts.cdmo.password=cdmo-test-pw",
            "devidp.accounts.cdmo.name=Claude Cdmo",
            "devidp.accounts.cdmo.email=cdmo@example.test",
            "devidp.portal-client.client-secret=portal-test-secret",
            "devidp.portal-client.base-url=http://localhost:18080"
        })
@ActiveProfiles("local")
class AuthorizationCodeFlowTest {

    private static final String CLIENT_ID = "guichet-portal";
    private static final String REDIRECT_URI = "http://localhost:18080/login/oauth2/code/guichet";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private CookieManager cookies;
    private HttpClient http;

    @BeforeEach
    void newBrowser() {
        cookies = new CookieManager();
        http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Test
    void discoveryDocumentAdvertisesIssuerAndEndSessionEndpoint() throws Exception {
        HttpResponse<String> response = get(url("/.well-known/openid-configuration"), "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = JSON.readTree(response.body());
        assertThat(discovery.path("issuer").asString()).isEqualTo(url(""));
        assertThat(discovery.path("end_session_endpoint").asString()).isEqualTo(url("/connect/logout"));
        assertThat(discovery.path("userinfo_endpoint").asString()).isEqualTo(url("/userinfo"));
        assertThat(discovery.path("token_endpoint_auth_methods_supported").toString())
                .contains("client_secret_basic");
    }

    @Test
    void authorizationCodeFlowIssuesIdTokenWithTheAccountClaims() throws Exception {
        String code = signInAndGetCode("sponsor", "sponsor-test-pw", "state-1", "nonce-1");
        assertThat(cookies.getCookieStore().getCookies())
                .extracting(HttpCookie::getName)
                .contains("DEVIDP_SESSION");

        HttpResponse<String> tokenResponse = post(
                url("/oauth2/token"),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                basic(CLIENT_ID, "portal-test-secret"));
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(tokenResponse.body());
        assertThat(tokens.path("refresh_token").asString()).isNotBlank();
        String idToken = tokens.path("id_token").asString();

        JsonNode claims = jwtPayload(idToken);
        assertThat(claims.path("iss").asString()).isEqualTo(url(""));
        assertThat(claims.path("aud").toString()).contains(CLIENT_ID);
        assertThat(claims.path("nonce").asString()).isEqualTo("nonce-1");
        assertThat(claims.path("sub").asString()).isEqualTo("sponsor");
        assertThat(claims.path("preferred_username").asString()).isEqualTo("sponsor");
        assertThat(claims.path("name").asString()).isEqualTo("Sophie Sponsor");
        assertThat(claims.path("email").asString()).isEqualTo("sponsor@example.test");
        assertThat(claims.path("email_verified").asBoolean()).isTrue();
        assertThat(claims.path("locale").asString()).isEqualTo("en");

        // The userinfo endpoint releases the same claims for the access token.
        HttpResponse<String> userInfo = http.send(
                HttpRequest.newBuilder(URI.create(url("/userinfo")))
                        .header(
                                "Authorization",
                                "Bearer " + tokens.path("access_token").asString())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
        JsonNode info = JSON.readTree(userInfo.body());
        assertThat(info.path("sub").asString()).isEqualTo("sponsor");
        assertThat(info.path("name").asString()).isEqualTo("Sophie Sponsor");
        assertThat(info.path("email").asString()).isEqualTo("sponsor@example.test");
        assertThat(info.path("email_verified").asBoolean()).isTrue();
        assertThat(info.path("locale").asString()).isEqualTo("en");

        // RP-initiated logout, as the portal does it.
        HttpResponse<String> logout = get(
                url("/connect/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                        + encode("http://localhost:18080/") + "&state=bye"),
                "text/html");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(location(logout)).isEqualTo("http://localhost:18080/?state=bye");
        // The IdP session is gone: authorizing again asks for the password.
        HttpResponse<String> again = get(authorizeUrl("state-2", "nonce-2"), "text/html");
        assertThat(location(again)).isEqualTo(url("/login"));
    }

    @Test
    void secondAccountGetsItsOwnClaimsAndDefaultLocale() throws Exception {
        String code = signInAndGetCode("cdmo", "cdmo-test-pw", "s", "n");
        HttpResponse<String> tokenResponse = post(
                url("/oauth2/token"),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                basic(CLIENT_ID, "portal-test-secret"));
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);

        JsonNode claims =
                jwtPayload(JSON.readTree(tokenResponse.body()).path("id_token").asString());
        assertThat(claims.path("sub").asString()).isEqualTo("cdmo");
        assertThat(claims.path("name").asString()).isEqualTo("Claude Cdmo");
        assertThat(claims.path("email").asString()).isEqualTo("cdmo@example.test");
        assertThat(claims.path("locale").asString()).isEqualTo("fr");
    }

    @Test
    void wrongClientSecretIsRejected() throws Exception {
        String code = signInAndGetCode("cdmo", "cdmo-test-pw", "s", "n");
        HttpResponse<String> tokenResponse = post(
                url("/oauth2/token"),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                basic(CLIENT_ID, "not-the-secret"));
        assertThat(tokenResponse.statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordStaysOnTheLoginPageWithAnError() throws Exception {
        HttpResponse<String> authorize = get(authorizeUrl("s", "n"), "text/html");
        assertThat(authorize.statusCode()).isEqualTo(302);
        String csrf = csrfFromLoginPage(location(authorize));

        HttpResponse<String> login =
                post(url("/login"), Map.of("username", "sponsor", "password", "wrong", "_csrf", csrf), null);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(location(login)).isEqualTo(url("/login?error"));

        HttpResponse<String> page = get(location(login), "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"login-error\"")
                .contains("id=\"username\"")
                .contains("id=\"password\"")
                .contains("id=\"sign-in\"");
    }

    @Test
    void loginPageIsSelfContainedAndSaysItIsForDevelopment() throws Exception {
        HttpResponse<String> page = get(url("/login"), "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Fournisseur d'identité de développement — ne pas utiliser en production")
                .contains("Development identity provider — not for production")
                .contains("<label for=\"username\">", "<label for=\"password\">")
                .contains("id=\"sign-in\"")
                .contains("href=\"/inscription\"")
                .doesNotContain("<script", "src=", "href=\"http");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'none'"));
        assertThat(CSRF.matcher(page.body()).find()).isTrue();
    }

    @Test
    void aNewPersonSignsUpThenSignsInWithTheirOwnClaims() throws Exception {
        HttpResponse<String> form = get(url("/inscription"), "text/html");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> created = post(
                url("/inscription"),
                Map.of(
                        "username", "camille",
                        "name", "Camille Nouvelle",
                        "email", "camille@example.test",
                        "password", "a-long-enough-password",
                        "_csrf", csrf.group(1)),
                null);

        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(location(created)).isEqualTo(url("/login?registered"));
        String code = signInAndGetCode("camille", "a-long-enough-password", "state-s", "nonce-s");
        HttpResponse<String> tokens = post(
                url("/oauth2/token"),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                basic(CLIENT_ID, "portal-test-secret"));
        JsonNode claims =
                jwtPayload(JSON.readTree(tokens.body()).path("id_token").asString());
        assertThat(claims.path("sub").asString()).isEqualTo("camille");
        assertThat(claims.path("name").asString()).isEqualTo("Camille Nouvelle");
        assertThat(claims.path("email").asString()).isEqualTo("camille@example.test");
    }

    @Test
    void signUpRefusesAShortPasswordAndATakenUsernameAndChangesNothing() throws Exception {
        Matcher csrf = CSRF.matcher(get(url("/inscription"), "text/html").body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> shortPassword =
                post(url("/inscription"), signUp("newcomer", "short", csrf.group(1)), null);
        HttpResponse<String> taken =
                post(url("/inscription"), signUp("sponsor", "another-long-password", csrf.group(1)), null);

        assertThat(shortPassword.statusCode()).isEqualTo(422);
        assertThat(shortPassword.body()).contains("id=\"sign-up-errors\"", "Password: at least 12 characters");
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.body()).contains("This username is taken");
        // The existing account keeps its own password.
        assertThat(signInAndGetCode("sponsor", "sponsor-test-pw", "state-t", "nonce-t"))
                .isNotBlank();
    }

    private static Map<String, String> signUp(String username, String password, String csrf) {
        return Map.of(
                "username", username,
                "name", "Someone",
                "email", username + "@example.test",
                "password", password,
                "_csrf", csrf);
    }

    private String signInAndGetCode(String username, String password, String state, String nonce) throws Exception {
        HttpResponse<String> authorize = get(authorizeUrl(state, nonce), "text/html");
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(location(authorize)).isEqualTo(url("/login"));
        String csrf = csrfFromLoginPage(location(authorize));

        HttpResponse<String> login =
                post(url("/login"), Map.of("username", username, "password", password, "_csrf", csrf), null);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(location(login)).startsWith(url("/oauth2/authorize?"));

        HttpResponse<String> resumed = get(location(login), "text/html");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(302);
        URI callback = URI.create(location(resumed));
        assertThat(callback.getScheme() + "://" + callback.getAuthority() + callback.getPath())
                .isEqualTo(REDIRECT_URI);
        Map<String, String> query = parseQuery(callback.getRawQuery());
        assertThat(query).containsEntry("state", state);
        assertThat(query.get("code")).isNotBlank();
        return query.get("code");
    }

    private String csrfFromLoginPage(String loginUrl) throws Exception {
        HttpResponse<String> page = get(loginUrl, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("CSRF token in the login form").isTrue();
        return matcher.group(1);
    }

    private String authorizeUrl(String state, String nonce) {
        return url("/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID + "&scope="
                + encode("openid profile email") + "&redirect_uri=" + encode(REDIRECT_URI) + "&state=" + state
                + "&nonce=" + nonce);
    }

    private HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> form, String authorization)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(url("/")).resolve(location).toString();
    }

    private static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((encode(user) + ":" + encode(password)).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode jwtPayload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            result.put(
                    pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return result;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
