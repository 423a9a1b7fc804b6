package fr.guichetbio.portal.identity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * The OpenID Connect client registration, in every kind of process: discovered at the issuer on first use only, so
 * that processes serving no pages (the indexer, the import and rebuild commands) never need the identity provider nor
 * its settings, and Spring Boot's eager registration (discovery at startup) stays out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class OidcClientConfiguration {

    /** Client registrations from {@code spring.security.oauth2.client.*}, discovered at the issuer on first use. */
    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties) {
        return new LazyClientRegistrationRepository(
                () -> new OAuth2ClientPropertiesMapper(properties).asClientRegistrations());
    }

    /**
     * The signed-in person's authorised client (tokens of the identity provider) in their session, which every replica
     * reads from the database and which sign-out deletes; Spring Boot's default keeps it in the memory of the replica
     * that signed them in, for ever.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }
}
