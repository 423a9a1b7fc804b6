package fr.guichetbio.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Prometheus endpoint ({@value #PATH}) is for the metrics collector only: it answers a request carrying {@code
 * Authorization: Bearer <guichet.metrics.token>} (GUICHET_METRICS_TOKEN, from a Secret) and refuses every other with
 * 401 — signed-in people included, platform admins too (the figures name routes and volumes, not for browsing). Without
 * a configured token the endpoint refuses everyone. A bearer token rather than a management port: the portal stays one
 * port behind one ingress, and Prometheus's {@code authorization} setting reads the token from a file.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(MetricsScrapeSecurity.Settings.class)
class MetricsScrapeSecurity {

    static final String PATH = "/actuator/prometheus";

    static final String AUTHORITY = "METRICS_SCRAPE";

    /**
     * {@code guichet.metrics.token}: the collector's bearer token, at least {@value #MIN_LENGTH} characters (e.g.
     * {@code openssl rand -hex 32}); none = the endpoint refuses everyone.
     */
    @ConfigurationProperties("guichet.metrics")
    record Settings(String token) {

        static final int MIN_LENGTH = 32;

        Settings {
            if (token != null && !token.isBlank() && token.length() < MIN_LENGTH) {
                throw new IllegalArgumentException(
                        "guichet.metrics.token (GUICHET_METRICS_TOKEN) must be at least " + MIN_LENGTH + " characters");
            }
        }

        boolean configured() {
            return token != null && !token.isBlank();
        }
    }

    /** Before the API's and the pages' chains: no session, no CSRF, no login redirect. */
    @Bean
    @Order(0)
    SecurityFilterChain metricsScrapeFilterChain(HttpSecurity http, Settings settings) throws Exception {
        http.securityMatcher(PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(AUTHORITY))
                .addFilterBefore(new BearerTokenCheck(settings), AuthorizationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.requireExplicitSave(true))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                        })
                        .accessDeniedHandler(
                                (request, response, e) -> response.sendError(HttpServletResponse.SC_UNAUTHORIZED)));
        return http.build();
    }

    /** Authenticates the request when its bearer token is the configured one (compared in constant time). */
    static final class BearerTokenCheck extends OncePerRequestFilter {

        private final Settings settings;

        BearerTokenCheck(Settings settings) {
            this.settings = settings;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (settings.configured()
                    && header != null
                    && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(
                            header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                            settings.token().getBytes(StandardCharsets.UTF_8))) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "metrics-collector", null, List.of(new SimpleGrantedAuthority(AUTHORITY))));
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }
    }
}
