package fr.guichetbio.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the signed-in person against the database at every page request (one query): a suspended or deleted person
 * is signed out at once (suspended: redirected to {@code /?suspended}); otherwise the principal's roles and name are
 * refreshed when they changed, so that roles granted or revoked by an admin apply at the person's next request.
 *
 * <p>Not a bean (Spring Boot would also register it as a servlet filter): built by {@link SecurityConfiguration}.
 */
final class AccountStateFilter extends OncePerRequestFilter {

    static final String SUSPENDED_URL = "/?suspended";

    private final People people;

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountStateFilter(People people) {
        this.people = people;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/vendor/") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof OAuth2AuthenticationToken token
                && token.getPrincipal() instanceof PortalUser user) {
            Optional<People.SessionState> state = people.sessionState(user.personId());
            if (state.isEmpty() || state.get().deleted() || state.get().suspended()) {
                new SecurityContextLogoutHandler().logout(request, response, authentication);
                boolean suspended = state.isPresent() && state.get().suspended();
                response.sendRedirect(request.getContextPath() + (suspended ? SUSPENDED_URL : "/"));
                return;
            }
            refresh(request, response, token, user, state.get());
        }
        chain.doFilter(request, response);
    }

    private void refresh(
            HttpServletRequest request,
            HttpServletResponse response,
            OAuth2AuthenticationToken token,
            PortalUser user,
            People.SessionState state) {
        String name = state.displayName() != null ? state.displayName() : user.displayName();
        PortalUser fresh = user.refreshed(name, state.roles());
        if (fresh.roles().equals(user.roles()) && Objects.equals(fresh.displayName(), user.displayName())) {
            return;
        }
        OAuth2AuthenticationToken refreshed =
                new OAuth2AuthenticationToken(fresh, fresh.getAuthorities(), token.getAuthorizedClientRegistrationId());
        refreshed.setDetails(token.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(refreshed);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
