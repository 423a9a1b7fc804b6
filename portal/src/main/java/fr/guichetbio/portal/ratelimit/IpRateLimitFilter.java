package fr.guichetbio.portal.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits, per client IP and before Spring Security, the sign-in requests, the token requests, the search pages and the
 * public exports. The IP is {@link HttpServletRequest#getRemoteAddr()}: a spoofed {@code X-Forwarded-For} counts only
 * when the server is configured to trust forward headers ({@code server.forward-headers-strategy}).
 *
 * <p>Routes are matched by path patterns, as Spring Security's and Spring MVC's mappings match them: on the decoded
 * path without path parameters, so {@code /recherch%65} or {@code /recherche;jsessionid=…} count as {@code /recherche}.
 */
final class IpRateLimitFilter extends OncePerRequestFilter {

    static final String TOKEN_PATH = "/api/oauth/token";

    /** The search page and its fragments (the search module's path, spelled here to keep the modules apart). */
    static final String SEARCH_PATH = "/recherche";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** The token endpoint, whatever the method (the API's own limit leaves it to this filter). */
    static final RequestMatcher TOKEN_ENDPOINT = PATHS.matcher(TOKEN_PATH);

    private record Route(RequestMatcher matcher, RateLimiter.Kind kind) {}

    private static final List<Route> ROUTES = List.of(
            new Route(
                    new OrRequestMatcher(PATHS.matcher("/oauth2/authorization/**"), PATHS.matcher("/login/oauth2/**")),
                    RateLimiter.Kind.LOGIN),
            new Route(TOKEN_ENDPOINT, RateLimiter.Kind.TOKEN),
            // "/**" matches the page itself too.
            new Route(PATHS.matcher(SEARCH_PATH + "/**"), RateLimiter.Kind.SEARCH),
            // The catalogue module's downloads and the sitemap: each one reads the whole public catalogue. The open
            // data (dashboards module): its page, DCAT catalogue and files, for scripts and harvesters alike.
            new Route(
                    new OrRequestMatcher(
                            PATHS.matcher("/catalogue/export.json"),
                            PATHS.matcher("/catalogue/export.csv"),
                            PATHS.matcher("/sitemap.xml"),
                            PATHS.matcher("/donnees/**")),
                    RateLimiter.Kind.EXPORT),
            // Training's public certificate checks: the verification page, the badges and shared transcripts.
            new Route(
                    new OrRequestMatcher(
                            PATHS.matcher("/verifier/**"), PATHS.matcher("/badges/**"), PATHS.matcher("/releve/**")),
                    RateLimiter.Kind.VERIFY));

    private final RateLimiter limiter;

    IpRateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter.Kind kind = kind(request);
        if (kind != null) {
            RateLimiter.Decision decision = limiter.tryAcquire(kind, request.getRemoteAddr());
            if (!decision.allowed()) {
                TooManyRequests.send(request, response, decision.retryAfterSeconds());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static RateLimiter.Kind kind(HttpServletRequest request) {
        for (Route route : ROUTES) {
            if (route.matcher().matches(request)) {
                return route.kind();
            }
        }
        return null;
    }
}
