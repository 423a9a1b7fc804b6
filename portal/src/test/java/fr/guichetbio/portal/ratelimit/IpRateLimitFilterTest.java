package fr.guichetbio.portal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Which limit a request counts against, for every spelling of a limited route that Spring Security and MVC resolve to
 * it: percent-encoded characters, path parameters ({@code ;jsessionid}), a trailing slash.
 */
class IpRateLimitFilterTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET, /oauth2/authorization/guichet, LOGIN",
        "GET, /oauth2/authorizatio%6E/guichet, LOGIN",
        "GET, /oauth2/authorization/guichet;jsessionid=0A1B, LOGIN",
        "GET, /oauth2/authorization;x=1/guichet, LOGIN",
        "GET, /login/oauth2/code/guichet, LOGIN",
        "GET, /login/oauth2/cod%65/guichet, LOGIN",
        "GET, /%6Cogin/oauth2/code/guichet, LOGIN",
        "POST, /api/oauth/token, TOKEN",
        "POST, /api/oauth/%74oken, TOKEN",
        "POST, /%61pi/oauth/token, TOKEN",
        "POST, /api/oauth/token;jsessionid=0A1B, TOKEN",
        "GET, /recherche, SEARCH",
        "GET, /recherch%65, SEARCH",
        "GET, /recherche;jsessionid=0A1B, SEARCH",
        "GET, /recherche/, SEARCH",
        "GET, /recherche/suggestions, SEARCH",
        "GET, /recherch%65/suggestions, SEARCH",
        "GET, /recherche/suggestion%73, SEARCH",
        "GET, /recherche;a=b/suggestions;c=d, SEARCH",
        "GET, /catalogue/export.json, EXPORT",
        "GET, /catalogue/export%2Ejson, EXPORT",
        "GET, /catalogu%65/export.csv, EXPORT",
        "GET, /catalogue/export.csv;jsessionid=0A1B, EXPORT",
        "GET, /sitemap.xml, EXPORT",
        "GET, /sitemap%2Exml, EXPORT",
        "GET, /sitemap.xml;x=1, EXPORT",
        "GET, /donnees, EXPORT",
        "GET, /donnees/catalogue.jsonld, EXPORT",
        "GET, /donnee%73/sites-capacites.csv, EXPORT",
        "GET, /donnees/demande-projets.json;x=1, EXPORT"
    })
    void everySpellingOfALimitedRouteCountsAgainstItsLimit(String method, String uri, RateLimiter.Kind kind) {
        assertThat(IpRateLimitFilter.kind(request(method, uri))).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/",
        "/recherches",
        "/catalogue/parcourir",
        "/catalogue/export.xml",
        "/api/oauth/jwks",
        "/api/search",
        "/sites/recherche",
        "/donnees-personnelles"
    })
    void otherRoutesAreNotLimitedPerIp(String uri) {
        assertThat(IpRateLimitFilter.kind(request("GET", uri))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/oauth/token", "/api/oauth/%74oken", "/%61pi/oauth/token;x=1"})
    void theTokenEndpointIsLeftToItsOwnLimitBySpellingToo(String uri) {
        assertThat(ApiRateLimitFilter.isTokenEndpoint(request("POST", uri))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/search, true", "/%61pi/search, true", "/api;x=1/search, true", "/apis, false", "/recherche, false"
    })
    void refusalsUnderTheApiAreProblemDocumentsBySpellingToo(String uri, boolean api) {
        assertThat(TooManyRequests.isApi(request("GET", uri))).isEqualTo(api);
    }

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServletPath("");
        request.setPathInfo(null);
        return request;
    }
}
