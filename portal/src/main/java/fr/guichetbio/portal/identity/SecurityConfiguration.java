package fr.guichetbio.portal.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import fr.guichetbio.portal.ratelimit.ApiRateLimitFilter;
import fr.guichetbio.portal.ratelimit.RateLimiter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains: the bearer-token API ({@code /api/**}, stateless) and the pages (OpenID Connect login, session,
 * CSRF, strict security headers). Web applications only: an indexer process (profile {@code indexer}) serves nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(OidcProperties.class)
class SecurityConfiguration {

    static final String REGISTRATION_ID = "guichet";

    static final String LOGIN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /** The Content Security Policy of every page: no inline script or style, no eval, no framing. */
    static String contentSecurityPolicy(OidcProperties oidc) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                // After the logout POST the browser follows redirects to the identity provider: allow its origin.
                + "form-action 'self' " + oidc.issuerOrigin();
    }

    /** The API console's page (Swagger UI's index.html, served by springdoc from the webjar). */
    static final String API_CONSOLE_PAGE = "/documentation-api/swagger-ui/index.html";

    /**
     * The one inline style Swagger UI 5.32.14 applies (from its bundle, a file of our origin): allowed by its hash on
     * the console's page only. Scripts stay {@code 'self'} there too. A new Swagger UI version may apply another:
     * ApiConsoleIT then names the hash Chromium refused.
     */
    static final String API_CONSOLE_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

    /**
     * The console's policy: the pages' policy, with that one style allowed (its hash, and {@code 'unsafe-hashes'} so
     * that the hash also covers it as a style attribute). No {@code 'unsafe-inline'}, no nonce, no other origin.
     */
    static String apiConsoleContentSecurityPolicy(OidcProperties oidc) {
        return contentSecurityPolicy(oidc)
                .replace("style-src 'self';", "style-src 'self' 'unsafe-hashes' " + API_CONSOLE_STYLE + ";");
    }

    /**
     * The API: bearer tokens the portal itself issued to API clients ({@code apiJwtDecoder} and
     * {@code apiClientAuthenticationConverter} from the API clients module), scopes as {@code SCOPE_*} authorities,
     * per-client rate limit. The token endpoint and the public keys are open.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(
            HttpSecurity http,
            @Qualifier("apiJwtDecoder") JwtDecoder apiJwtDecoder,
            @Qualifier("apiClientAuthenticationConverter")
                    Converter<Jwt, AbstractAuthenticationToken> apiClientAuthenticationConverter,
            RateLimiter rateLimiter,
            JsonMapper json) {
        ApiRateLimitFilter rateLimit = new ApiRateLimitFilter(rateLimiter);
        AuthenticationEntryPoint unauthorized = rateLimit.limitingFailures(ProblemResponses.unauthorized(json));
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/oauth/token")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/oauth/jwks")
                        .permitAll()
                        // Catalogue search, the sizing calculator, the course list and the API's description
                        // (JSON, YAML, and the console's configuration): public, anonymous allowed (limited per IP
                        // below).
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/search",
                                "/api/openapi",
                                "/api/openapi.yaml",
                                "/api/openapi/swagger-config",
                                "/api/dimensionnement",
                                "/api/formations")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/organisations/*")
                        .hasAuthority("SCOPE_catalogue:read")
                        .requestMatchers(HttpMethod.PATCH, "/api/organisations/*")
                        .hasAuthority("SCOPE_catalogue:write")
                        .requestMatchers(HttpMethod.POST, "/api/catalogue/import")
                        .hasAuthority("SCOPE_catalogue:write")
                        .requestMatchers(
                                HttpMethod.GET, "/api/demandes", "/api/demandes/*", "/api/demandes/*/pieces-jointes/*")
                        .hasAuthority("SCOPE_requests:read")
                        .requestMatchers(HttpMethod.POST, "/api/demandes/*/messages")
                        .hasAuthority("SCOPE_requests:write")
                        .anyRequest()
                        .authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: CSRF does not apply.
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt ->
                                jwt.decoder(apiJwtDecoder).jwtAuthenticationConverter(apiClientAuthenticationConverter))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .addFilterAfter(rateLimit, BearerTokenAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurityFilterChain(
            HttpSecurity http,
            OidcProperties oidc,
            ClientRegistrationRepository clientRegistrations,
            Persons persons,
            People people) {
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(
                                DispatcherType.ERROR, DispatcherType.FORWARD)
                        .permitAll()
                        // Only health and info are exposed (management.endpoints.web.exposure): others answer 404.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // An organisation's API clients (its admins only: checked per organisation by the pages).
                        .requestMatchers("/organisations/*/api", "/organisations/*/api/**")
                        .authenticated()
                        .requestMatchers("/admin/**")
                        .hasRole(PlatformRole.ADMIN.name())
                        .requestMatchers("/compte", "/compte/**", "/notifications", "/notifications/**")
                        .authenticated()
                        // Training: the catalogue, paths and course pages are public; following a course needs an
                        // account.
                        .requestMatchers(
                                "/formation/mes-formations",
                                "/formation/cours/*/inscription",
                                "/formation/cours/*/lecons/**",
                                "/formation/cours/*/quiz",
                                "/formation/cours/*/quiz/**",
                                // The learner's certificates (the public check of one is /verifier/{id}).
                                "/formation/certificats",
                                "/formation/certificats/**",
                                // The learner's transcript and its share links (a shared one is /releve/{token}).
                                "/formation/releve",
                                "/formation/releve.*",
                                "/formation/releve/**",
                                // The instructors' workshop; training refuses anyone not instructing the provider.
                                "/formation/atelier",
                                "/formation/atelier/**")
                        .authenticated()
                        // Writing a brief starts here (briefs themselves live under /organisations/**).
                        .requestMatchers("/mise-en-relation/cahier-des-charges", "/demandes", "/demandes/**")
                        .authenticated()
                        // Organisation pages are public (GET /organisations/{slug}); the rest needs a signed-in person.
                        .requestMatchers("/organisations/nouvelle")
                        .authenticated()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/organisations/*")
                        .permitAll()
                        .requestMatchers("/organisations", "/organisations/**", "/invitations/**")
                        .authenticated()
                        // Dashboards: capacity is public; demand and skills are for agency analysts and admins.
                        .requestMatchers(
                                "/tableaux-de-bord/demande",
                                "/tableaux-de-bord/demande.*",
                                "/tableaux-de-bord/competences",
                                "/tableaux-de-bord/competences.*")
                        .hasAnyRole(PlatformRole.AGENCY_ANALYST.name(), PlatformRole.ADMIN.name())
                        // The portal is public; areas for signed-in people get their own matchers above this line.
                        .anyRequest()
                        .permitAll())
                .oauth2Login(login -> login.loginPage(LOGIN_PATH)
                        .failureHandler(loginFailureHandler())
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(
                                new PersonRecordingOidcUserService(new OidcUserService(), persons))))
                // Suspended or deleted people are signed out at their next request; roles and name refreshed.
                .addFilterBefore(new AccountStateFilter(people), AuthorizationFilter.class)
                // Uploads from people not signed in are refused before the CSRF filter would parse their body.
                .addFilterBefore(new AnonymousMultipartFilter(LOGIN_PATH), CsrfFilter.class)
                .logout(logout -> logout.logoutSuccessHandler(oidcLogoutSuccessHandler(clientRegistrations)))
                .csrf(withDefaults())
                .headers(headers -> headers
                        // One policy per response: the console's on its page, the strict one everywhere else.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                consolePage(),
                                new ContentSecurityPolicyHeaderWriter(apiConsoleContentSecurityPolicy(oidc))))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(consolePage()),
                                new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy(oidc))))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** The console's page, by its exact URI (the webjar's other files need no exception). */
    private static RequestMatcher consolePage() {
        return request -> request.getRequestURI().equals(request.getContextPath() + API_CONSOLE_PAGE);
    }

    /** A suspended person is told so ({@code /?suspended}); any other failure is a generic login error. */
    private static AuthenticationFailureHandler loginFailureHandler() {
        return (request, response, exception) -> {
            boolean suspended = exception instanceof OAuth2AuthenticationException oauth2
                    && PersonRecordingOidcUserService.SUSPENDED.equals(
                            oauth2.getError().getErrorCode());
            response.sendRedirect(
                    request.getContextPath() + (suspended ? AccountStateFilter.SUSPENDED_URL : "/?loginError"));
        };
    }

    private static OidcClientInitiatedLogoutSuccessHandler oidcLogoutSuccessHandler(
            ClientRegistrationRepository clientRegistrations) {
        OidcClientInitiatedLogoutSuccessHandler handler =
                new OidcClientInitiatedLogoutSuccessHandler(clientRegistrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        handler.setDefaultTargetUrl("/");
        return handler;
    }
}
