package fr.guichetbio.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a multipart body (an upload) from someone not signed in, before anything reads it. Every upload of the
 * portal is for signed-in people; but the CSRF filter looks for its token among the request parameters, which makes
 * the container parse the whole multipart body (up to {@code spring.servlet.multipart.max-request-size}) before the
 * authorisation rules run. Placed before the CSRF filter, this answers a redirect to the sign-in (as the
 * authorisation rules would) with {@code Connection: close}, so that the container does not read the rest of the
 * body either.
 */
final class AnonymousMultipartFilter extends OncePerRequestFilter {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final String signInPath;

    AnonymousMultipartFilter(String signInPath) {
        this.signInPath = signInPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)
                && !TRUST.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            response.sendRedirect(request.getContextPath() + signInPath);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
