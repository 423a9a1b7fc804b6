package fr.guichetbio.portal.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains: the bearer-token API ({@code /api/**}, stateless) and the pages (OpenID Connect login, session,
 * CSRF, strict security headers).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OidcProperties.class, OAuth2ClientProperties.class})
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

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, JsonMapper json) {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: CSRF does not apply.
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(jwtDecoder))
                        .authenticationEntryPoint(ProblemResponses.unauthorized(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemResponses.unauthorized(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurityFilterChain(
            HttpSecurity http, OidcProperties oidc, ClientRegistrationRepository clientRegistrations, Persons persons) {
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(
                                DispatcherType.ERROR, DispatcherType.FORWARD)
                        .permitAll()
                        // Only health and info are exposed (management.endpoints.web.exposure): others answer 404.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // The portal is public; areas for signed-in people get their own matchers above this line.
                        .anyRequest()
                        .permitAll())
                .oauth2Login(login -> login.loginPage(LOGIN_PATH)
                        .failureUrl("/?loginError")
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(
                                new PersonRecordingOidcUserService(new OidcUserService(), persons))))
                .logout(logout -> logout.logoutSuccessHandler(oidcLogoutSuccessHandler(clientRegistrations)))
                .csrf(withDefaults())
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(contentSecurityPolicy(oidc)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    private static OidcClientInitiatedLogoutSuccessHandler oidcLogoutSuccessHandler(
            ClientRegistrationRepository clientRegistrations) {
        OidcClientInitiatedLogoutSuccessHandler handler =
                new OidcClientInitiatedLogoutSuccessHandler(clientRegistrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        handler.setDefaultTargetUrl("/");
        return handler;
    }

    /** Client registrations from {@code spring.security.oauth2.client.*}, discovered at the issuer on first use. */
    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties) {
        return new LazyClientRegistrationRepository(
                () -> new OAuth2ClientPropertiesMapper(properties).asClientRegistrations());
    }

    /** Resolves the issuer's signing keys on the first token, not at startup; retried until it succeeds. */
    @Bean
    JwtDecoder jwtDecoder(OidcProperties oidc) {
        return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(oidc.issuerUri()));
    }
}
