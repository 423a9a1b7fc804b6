package fr.guichetbio.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class OidcPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void clientSecretIsRequired() {
        context.run(started -> assertThat(started)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("GUICHET_OIDC_CLIENT_SECRET"));
    }

    @Test
    void defaultsToTheLocalIdentityProviderAndNeverPrintsTheSecret() {
        context.withPropertyValues("guichet.oidc.client-secret=s3cr3t").run(started -> {
            OidcProperties oidc = started.getBean(OidcProperties.class);
            assertThat(oidc.issuerUri()).isEqualTo("http://localhost:9000");
            assertThat(oidc.clientId()).isEqualTo("guichet-portal");
            assertThat(oidc.issuerOrigin()).isEqualTo("http://localhost:9000");
            assertThat(oidc.toString()).doesNotContain("s3cr3t");
        });
    }

    @Test
    void issuerOriginDropsThePath() {
        OidcProperties oidc = new OidcProperties("https://auth.example.org:8443/realms/guichet", "id", "secret");

        assertThat(oidc.issuerOrigin()).isEqualTo("https://auth.example.org:8443");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OidcProperties.class)
    static class PropertiesConfiguration {}
}
