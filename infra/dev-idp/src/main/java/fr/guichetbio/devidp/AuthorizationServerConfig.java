package fr.guichetbio.devidp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server wiring: one OIDC client (the portal), in-memory accounts, in-memory signing key.
 * Everything is held in memory and lost at shutdown: this provider is for local runs and tests only.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    static final String LOGIN_PAGE = "/login";

    private static final String BCRYPT = "bcrypt";
    private static final int DEV_BCRYPT_STRENGTH = 4;

    /** Protocol endpoints (authorize, token, JWKS, discovery, userinfo, end_session). */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, Accounts accounts) {
        http.oauth2AuthorizationServer(authorizationServer -> {
                    http.securityMatcher(authorizationServer.getEndpointsMatcher());
                    authorizationServer.oidc(oidc ->
                            oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(userInfoMapper(accounts))));
                })
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // Access tokens presented to the userinfo endpoint.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                // Browsers that are not signed in go to the login form.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), htmlRequests()));
        return http.build();
    }

    private static MediaTypeRequestMatcher htmlRequests() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

    /** Everything else: the login form (our own page) and the signed-in landing page. */
    @Bean
    @Order(2)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(LOGIN_PAGE, SignUpController.PAGE, "/error", "/favicon.ico")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage(LOGIN_PAGE));
        return http.build();
    }

    /**
     * Passwords and the client secret are hashed with bcrypt at startup (stored as {@code {bcrypt}...}, never
     * {@code {noop}}). The cost factor is the minimum: the values are random per run, live only in this process's
     * memory, and every start hashes them all, so a production cost would only slow down local runs and tests.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        // Same "{id}hash" format as PasswordEncoderFactories, bcrypt only: no "{noop}" value is ever accepted.
        return new DelegatingPasswordEncoder(BCRYPT, Map.of(BCRYPT, new BCryptPasswordEncoder(DEV_BCRYPT_STRENGTH)));
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(
            DevIdpProperties properties, PasswordEncoder passwordEncoder) {
        DevIdpProperties.PortalClient portal = properties.portalClient();
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(portal.clientId())
                .clientSecret(passwordEncoder.encode(portal.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(portal.redirectUri())
                .postLogoutRedirectUri(portal.postLogoutRedirectUri())
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                // Development: no consent screen; PKCE accepted but not required.
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .requireProofKey(false)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(client);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(DevIdpProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (properties.issuerOrNull() != null) {
            settings.issuer(properties.issuerOrNull());
        }
        return settings.build();
    }

    /** Adds the account's claims to the ID token (sub is already the username). */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenCustomizer(Accounts accounts) {
        return context -> {
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            String username = context.getPrincipal().getName();
            accounts.profile(username)
                    .ifPresent(profile -> context.getClaims()
                            .claims(claims ->
                                    claims.putAll(AccountClaims.of(username, profile, context.getAuthorizedScopes()))));
        };
    }

    private static Function<OidcUserInfoAuthenticationContext, OidcUserInfo> userInfoMapper(Accounts accounts) {
        return context -> {
            OAuth2Authorization authorization = context.getAuthorization();
            String username = authorization.getPrincipalName();
            Map<String, Object> claims = accounts.profile(username)
                    .map(profile -> AccountClaims.of(
                            username, profile, context.getAccessToken().getScopes()))
                    .orElseGet(() -> Map.of("sub", username));
            return new OidcUserInfo(claims);
        };
    }

    /**
     * DEVELOPMENT ONLY: the RSA signing key is generated in memory at each start and never persisted, so tokens
     * do not survive a restart. A real identity provider keeps its keys in a key store and rotates them.
     */
    @Bean
    JWKSource<SecurityContext> jwkSource() {
        KeyPair keyPair = generateRsaKey();
        RSAKey rsaKey = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(rsaKey));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    private static KeyPair generateRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
