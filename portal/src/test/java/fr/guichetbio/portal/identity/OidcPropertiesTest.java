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
    void theIssuerIsRequiredToo() {
        // Its development default (the local identity provider) belongs to the profile 'local' only.
        context.withPropertyValues("guichet.oidc.client-secret=s3cr3t")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("GUICHET_OIDC_ISSUER_URI"));
    }

    @Test
    void theClientIdHasADefaultAndTheSecretIsNeverPrinted() {
        context.withPropertyValues(
                        "guichet.oidc.client-secret=s3cr3t", "guichet.oidc.issuer-uri=http://localhost:9000/")
                .run(started -> {
                    OidcProperties oidc = started.getBean(OidcProperties.class);
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
