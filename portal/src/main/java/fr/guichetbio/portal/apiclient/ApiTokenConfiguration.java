package fr.guichetbio.portal.apiclient;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The portal as its own token issuer for API clients: the signing key, the encoder for the token endpoint, and the
 * decoder and authentication converter the API filter chain uses. Tokens of people's identity provider are not
 * accepted on {@code /api/**}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiTokenConfiguration {

    @Bean
    ApiSigningKey apiSigningKey(ApiProperties properties) {
        return ApiSigningKey.from(properties);
    }

    @Bean
    JwtEncoder apiJwtEncoder(ApiSigningKey key) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key.rsaKey())));
    }

    /** Our public key only; RS256, issuer, audience {@code guichet-api}, {@code at+jwt}, expiry with a small skew. */
    @Bean
    JwtDecoder apiJwtDecoder(ApiSigningKey key, ApiProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .validateType(false) // checked below: at+jwt, not JWT
                .build();
        decoder.setJwtValidator(validator(properties, Clock.systemUTC()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(ApiProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTypeValidator(AccessTokens.TOKEN_TYPE),
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(ApiProperties.AUDIENCE),
                new JwtClaimValidator<String>(AccessTokens.CLIENT_ID_CLAIM, value -> value != null && !value.isBlank()),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, value -> value != null)));
    }

    @Bean
    Converter<Jwt, AbstractAuthenticationToken> apiClientAuthenticationConverter(ApiClients clients) {
        return new ApiClientAuthenticationConverter(clients, Clock.systemUTC());
    }
}
