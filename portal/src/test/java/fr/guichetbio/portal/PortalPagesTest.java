package fr.guichetbio.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The pages, the language switch, the header's sign-in state, the security headers and the error pages, with the
 * whole application on a throwaway database (the event publication registry reads it at start) but no search server
 * or identity provider: neither is needed to render the pages.
 * Error pages need a real servlet container (error dispatch), hence the server on a random port besides MockMvc.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "guichet.oidc.client-secret=test-secret",
            // Nothing listens there: the portal must not need the identity provider or Elasticsearch to serve pages.
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1"
        })
@AutoConfigureMockMvc
class PortalPagesTest {

    @org.springframework.test.context.DynamicPropertySource
    static void database(org.springframework.test.context.DynamicPropertyRegistry registry) {
        fr.guichetbio.portal.support.TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    /** The per-request account check (suspension, roles) reads the database: here the person is always active. */
    @MockitoBean
    fr.guichetbio.portal.identity.People people;

    @org.junit.jupiter.api.BeforeEach
    void everySignedInPersonIsActive() {
        org.mockito.BDDMockito.given(people.sessionState(org.mockito.ArgumentMatchers.anyLong()))
                .willReturn(java.util.Optional.of(new fr.guichetbio.portal.identity.People.SessionState(
                        false, false, null, java.util.Set.of(fr.guichetbio.portal.identity.PlatformRole.SPONSOR))));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void homePageIsFrenchByDefault() throws Exception {
        Document page = html(mvc.perform(get("/")).andExpect(status().isOk()));

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(page.selectFirst("h1").text()).isEqualTo("La bioproduction en France, en un seul endroit");
        assertThat(page.title()).isEqualTo("Accueil - Guichet Bioproduction");
        assertThat(page.select("form[role=search]").attr("action")).isEqualTo("/catalogue");
        assertThat(page.select("form[role=search]").attr("method")).isEqualTo("get");
        assertThat(page.select("input[name=q]")).hasSize(1);
        assertThat(page.select(".fr-card__title a").eachAttr("href"))
                .containsExactly("/catalogue", "/mise-en-relation", "/formation", "/tableaux-de-bord");
    }

    @Test
    void homePageSwitchesToEnglishAndRemembersIt() throws Exception {
        var result = mvc.perform(get("/").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.containsString("guichet_lang=en")))
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.containsString("HttpOnly")))
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.containsString("SameSite=Lax")));
        Document page = html(result);

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Bioproduction in France, in one place");
        assertThat(page.title()).isEqualTo("Home - Guichet Bioproduction");
        assertThat(page.getElementById("lang-en").attr("aria-current")).isEqualTo("true");
        assertThat(page.getElementById("lang-fr").hasAttr("aria-current")).isFalse();
    }

    @Test
    void unsupportedLanguageFallsBackToFrench() throws Exception {
        Document page = html(mvc.perform(get("/").param("lang", "de")).andExpect(status().isOk()));

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
    }

    @Test
    void layoutHasSkipLinksNavigationFooterAndNoInlineScriptOrStyle() throws Exception {
        Document page = html(mvc.perform(get("/formation")).andExpect(status().isOk()));

        assertThat(page.select(".fr-skiplinks a").eachAttr("href")).contains("#contenu", "#footer");
        assertThat(page.getElementById("contenu")).isNotNull();
        assertThat(page.select(".fr-nav__link").eachAttr("href"))
                .containsExactly("/", "/catalogue", "/recherche", "/formation", "/tableaux-de-bord");
        assertThat(page.select(".fr-nav__link[aria-current=page]").attr("href")).isEqualTo("/formation");
        assertThat(page.select("footer a").eachAttr("href"))
                .contains("/accessibilite", "/mentions-legales", "/donnees-personnelles");
        assertThat(page.select("script:not([src])")).as("inline scripts").isEmpty();
        assertThat(page.select("style")).as("style elements").isEmpty();
        assertThat(page.select("[style]")).as("style attributes").isEmpty();
        assertThat(page.select("script[src]").eachAttr("src"))
                .anyMatch(src -> src.startsWith("/vendor/dsfr/guichet.module.min"))
                .as("htmx only on pages using it")
                .noneMatch(src -> src.startsWith("/vendor/htmx/"));
        // Nothing blocks rendering but the one stylesheet: scripts are modules or deferred.
        assertThat(page.select("link[rel=stylesheet]").eachAttr("href"))
                .singleElement()
                .asString()
                .startsWith("/vendor/dsfr/guichet.min");
        assertThat(page.select("script[src]"))
                .allMatch(script -> script.attr("type").equals("module") || script.hasAttr("defer"));
        assertThat(page.select("link[rel=preload][as=font]").eachAttr("href"))
                .hasSize(3)
                .allMatch(href -> href.startsWith("/vendor/dsfr/fonts/Marianne-") && href.endsWith(".woff2"));
    }

    @Test
    void everyPageRenders() throws Exception {
        for (String path : new String[] {
            "/catalogue?q=anticorps",
            "/mise-en-relation",
            "/tableaux-de-bord",
            "/accessibilite",
            "/mentions-legales",
            "/donnees-personnelles"
        }) {
            Document page = html(mvc.perform(get(path)).andExpect(status().isOk()));
            assertThat(page.select("h1")).as(path).hasSize(1);
            assertThat(page.title()).as(path).endsWith(" - Guichet Bioproduction");
        }
        Document accessibility = html(mvc.perform(get("/accessibilite")));
        assertThat(accessibility.text()).contains("non conforme");
    }

    @Test
    void catalogueEchoesTheQueryEscaped() throws Exception {
        Document page = html(mvc.perform(get("/catalogue").param("q", "<b>anticorps</b>"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<b>anticorps</b>")))));

        assertThat(page.getElementById("catalogue-query").text()).isEqualTo("<b>anticorps</b>");
    }

    @Test
    void anonymousHeaderShowsTheLoginLink() throws Exception {
        Document page = html(mvc.perform(get("/")).andExpect(status().isOk()));

        Element login = page.getElementById("login-link");
        assertThat(login).isNotNull();
        assertThat(login.attr("href")).isEqualTo("/oauth2/authorization/guichet");
        assertThat(login.text()).isEqualTo("Se connecter");
        assertThat(page.getElementById("user-name")).isNull();
        assertThat(page.getElementById("logout-button")).isNull();
    }

    @Test
    void signedInHeaderShowsTheNameAndALogoutFormWithCsrfToken() throws Exception {
        Document page =
                html(mvc.perform(get("/").with(signedIn("Camille Martin")).param("lang", "en"))
                        .andExpect(status().isOk()));

        assertThat(page.getElementById("login-link")).isNull();
        assertThat(page.getElementById("user-name").text()).isEqualTo("Camille Martin");
        Element button = page.getElementById("logout-button");
        assertThat(button.text()).isEqualTo("Sign out");
        Element form = button.closest("form");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo("/logout");
        assertThat(form.select("input[type=hidden][name=_csrf]").attr("value")).isNotBlank();
    }

    @Test
    void logoutWithCsrfTokenSignsOut() throws Exception {
        mvc.perform(post("/logout").with(signedIn("Camille Martin")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));
    }

    /**
     * The API console (Swagger UI) alone allows the one inline style Swagger UI applies, by its hash; the page
     * around it, like every other page, keeps the strict policy. One policy per response, never two.
     */
    @Test
    void theApiConsoleAloneAllowsSwaggerUisInlineStyleByItsHash() throws Exception {
        var console = mvc.perform(get("/documentation-api/swagger-ui/index.html"))
                .andReturn()
                .getResponse();
        assertThat(console.getStatus()).isEqualTo(200);
        assertThat(console.getHeaders("Content-Security-Policy")).hasSize(1);
        assertThat(console.getHeader("Content-Security-Policy"))
                .contains("script-src 'self';", "style-src 'self' 'unsafe-hashes' 'sha256-")
                .doesNotContain("unsafe-inline", "unsafe-eval");

        var page = mvc.perform(get("/documentation-api")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeaders("Content-Security-Policy")).hasSize(1);
        assertThat(page.getHeader("Content-Security-Policy")).doesNotContain("sha256-", "unsafe-hashes");
    }

    @Test
    void pagesSendStrictSecurityHeaders() throws Exception {
        var response = mvc.perform(get("/")).andReturn().getResponse();

        String csp = response.getHeader("Content-Security-Policy");
        assertThat(csp)
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(csp).as("issuer origin only, no path").endsWith("form-action 'self' http://localhost:1");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void vendorAssetsAreFingerprintedAndCachedForAYear() throws Exception {
        Document page = html(mvc.perform(get("/")));
        String css = page.select("link[rel=stylesheet]").first().attr("href");
        assertThat(css).matches("/vendor/dsfr/guichet\\.min-[0-9a-f]{32}\\.css");

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(css)).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(
                        value -> assertThat(value).contains("max-age=31536000").contains("immutable"));
        assertThat(response.body()).contains(".fr-header");
        // The preloaded fonts are the stylesheet's, by the same content-hashed URL.
        for (String font : page.select("link[rel=preload][as=font]").eachAttr("href")) {
            assertThat(response.body()).contains("url(" + font.substring("/vendor/dsfr/".length()) + ")");
        }

        HttpResponse<byte[]> brotli = http.send(
                HttpRequest.newBuilder(uri(css))
                        .header("Accept-Encoding", "gzip, deflate, br, zstd") // Chromium's order
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(brotli.headers().firstValue("Content-Encoding")).contains("br");
        assertThat(brotli.headers().firstValue("Vary"))
                .hasValueSatisfying(v -> assertThat(v).contains("Accept-Encoding"));
        assertThat(brotli.body().length).isLessThan(response.body().length() / 5);
    }

    @Test
    void postWithoutCsrfTokenIsRefusedWithTheDsfrErrorPage() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/logout")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(403);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Accès refusé");
        assertThat(page.select("header.fr-header")).hasSize(1);
        assertThat(page.title()).isEqualTo("Accès refusé - Guichet Bioproduction");
    }

    @Test
    void unknownPageIsA404PageInFrenchWithoutInternals() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/nulle-part")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Page non trouvée");
        assertThat(page.select("footer.fr-footer")).hasSize(1);
        assertNoInternals(response.body());
    }

    @Test
    void unknownPageIsA404PageInEnglish() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/nowhere"))
                .header("Cookie", "guichet_lang=en")
                .GET());

        assertThat(response.statusCode()).isEqualTo(404);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Page not found");
        assertThat(page.text()).contains("Error 404");
        assertNoInternals(response.body());
    }

    @Test
    void unreachableIdentityProviderGivesTheErrorPageWithoutInternals() throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(uri("/oauth2/authorization/guichet")).GET());

        assertThat(response.statusCode()).isEqualTo(500);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Erreur inattendue");
        assertNoInternals(response.body());
        assertThat(response.body()).doesNotContain("localhost:1").doesNotContain("Client Registration");
    }

    @Test
    void onlyHealthAndInfoActuatorEndpointsAreExposed() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/env")).GET()).statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/beans")).GET()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> info = http.send(
                HttpRequest.newBuilder(uri("/actuator/info")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"artifact\":\"portal\"");
    }

    @Test
    void apiRequiresABearerTokenAndAnswersProblemJson() throws Exception {
        mvc.perform(get("/api/ping"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));

        mvc.perform(get("/api/ping").with(jwt().jwt(token -> token.subject("erp-client"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("erp-client"));
    }

    private static void assertNoInternals(String body) {
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("trace")
                .doesNotContain("Whitelabel");
    }

    private static Document html(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A signed-in person as the portal builds it at login (see PersonRecordingOidcUserService). */
    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(String name) {
        var idToken = org.springframework.security.oauth2.core.oidc.OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:9000")
                .subject("camille")
                .claim("name", name)
                .build();
        var oidcUser =
                new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(java.util.List.of(), idToken);
        return oidcLogin()
                .oidcUser(new fr.guichetbio.portal.identity.PortalUser(
                        oidcUser, 1L, name, java.util.Set.of(fr.guichetbio.portal.identity.PlatformRole.SPONSOR)));
    }
}
