package fr.guichetbio.devidp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Development OpenID Connect identity provider, for local runs and tests only. Started by the stack launcher, which
 * configures it through environment variables (see {@link DevIdpProperties}).
 */
@SpringBootApplication
@EnableConfigurationProperties(DevIdpProperties.class)
public class DevIdentityProviderApplication {

    private static final Logger log = LoggerFactory.getLogger(DevIdentityProviderApplication.class);

    /** The profile the run command sets; anywhere else this provider would sign anybody in. */
    static final String LOCAL_PROFILE = "local";

    DevIdentityProviderApplication(Environment environment) {
        if (!environment.matchesProfiles(LOCAL_PROFILE)) {
            throw new IllegalStateException("The development identity provider runs only under the profile 'local'"
                    + " (SPRING_PROFILES_ACTIVE=local, set by infra/run): it signs in demo accounts and test sign-ups,"
                    + " never use it in production.");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(DevIdentityProviderApplication.class, args);
    }

    /** One-line summary; never the passwords nor the client secret. */
    @EventListener(ApplicationReadyEvent.class)
    void logSummary(ApplicationReadyEvent event) {
        DevIdpProperties properties = event.getApplicationContext().getBean(DevIdpProperties.class);
        String issuer = event.getApplicationContext()
                .getBean(AuthorizationServerSettings.class)
                .getIssuer();
        log.info(
                "Development identity provider (NOT FOR PRODUCTION) ready: issuer={}, accounts={} {}, client={},"
                        + " redirect_uri={}",
                issuer == null ? "(from request)" : issuer,
                properties.accounts().size(),
                properties.accounts().keySet().stream().sorted().toList(),
                properties.portalClient().clientId(),
                properties.portalClient().redirectUri());
    }
}
