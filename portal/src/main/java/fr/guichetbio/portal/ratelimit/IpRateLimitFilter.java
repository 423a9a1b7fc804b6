package fr.guichetbio.portal.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits, per client IP and before Spring Security, the sign-in requests, the token requests and the search pages. The IP is
 * {@link HttpServletRequest#getRemoteAddr()}: a spoofed {@code X-Forwarded-For} counts only when the server is
 * configured to trust forward headers ({@code server.forward-headers-strategy}).
 */
final class IpRateLimitFilter extends OncePerRequestFilter {

    static final String TOKEN_PATH = "/api/oauth/token";

    /** The search page and its fragments (the search module's path, spelled here to keep the modules apart). */
    static final String SEARCH_PATH = "/recherche";

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
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/oauth2/authorization/") || path.startsWith("/login/oauth2/")) {
            return RateLimiter.Kind.LOGIN;
        }
        if (path.equals(TOKEN_PATH)) {
            return RateLimiter.Kind.TOKEN;
        }
        if (path.equals(SEARCH_PATH) || path.startsWith(SEARCH_PATH + "/")) {
            return RateLimiter.Kind.SEARCH;
        }
        return null;
    }
}
