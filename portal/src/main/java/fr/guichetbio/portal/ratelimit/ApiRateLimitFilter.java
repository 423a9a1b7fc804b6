package fr.guichetbio.portal.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits API requests per API client once the bearer token is authenticated, and per client IP for requests without a
 * valid token. Goes into the API filter chain right after the bearer token filter; {@link #limitingFailures} wraps the
 * chain's entry point so that requests with an invalid token count against their IP too. The token endpoint is
 * limited by {@link IpRateLimitFilter}.
 */
public final class ApiRateLimitFilter extends OncePerRequestFilter {

    private static final String COUNTED = ApiRateLimitFilter.class.getName() + ".counted";

    private final RateLimiter limiter;

    public ApiRateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isTokenEndpoint(request)
                && !allowed(
                        request,
                        response,
                        key(SecurityContextHolder.getContext().getAuthentication(), request))) {
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token endpoint has its own limit per IP, in whatever spelling Spring Security routes to it. */
    static boolean isTokenEndpoint(HttpServletRequest request) {
        return IpRateLimitFilter.TOKEN_ENDPOINT.matches(request);
    }

    /** The entry point answering 401, counting the refused request against its IP first (429 when over the limit). */
    public AuthenticationEntryPoint limitingFailures(AuthenticationEntryPoint entryPoint) {
        return (request, response, exception) -> {
            if (request.getAttribute(COUNTED) == null && !allowed(request, response, "ip:" + request.getRemoteAddr())) {
                return;
            }
            entryPoint.commence(request, response, exception);
        };
    }

    private boolean allowed(HttpServletRequest request, HttpServletResponse response, String key) throws IOException {
        request.setAttribute(COUNTED, Boolean.TRUE);
        RateLimiter.Decision decision = limiter.tryAcquire(RateLimiter.Kind.API, key);
        if (!decision.allowed()) {
            TooManyRequests.send(request, response, decision.retryAfterSeconds());
        }
        return decision.allowed();
    }

    private static String key(Authentication authentication, HttpServletRequest request) {
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "client:" + authentication.getName();
        }
        return "ip:" + request.getRemoteAddr();
    }
}
