package fr.guichetbio.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The launcher configures the provider only through environment variables: these tests feed them through a real
 * {@link SystemEnvironmentPropertySource} (replacing the JVM's own environment) to exercise relaxed binding.
 */
class EnvironmentConfigurationTest {

    private static Map<String, Object> launcherEnvironment() {
        Map<String, Object> env = new HashMap<>();
        // As the launcher sets it: the provider refuses to start without it.
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("DEVIDP_ACCOUNTS_SPONSOR_PASSWORD", "pw-sponsor");
        env.put("DEVIDP_ACCOUNTS_SPONSOR_NAME", "Sophie Sponsor");
        env.put("DEVIDP_ACCOUNTS_SPONSOR_EMAIL", "sponsor@example.test");
        env.put("DEVIDP_ACCOUNTS_SPONSOR_LOCALE", "en");
        env.put("DEVIDP_ACCOUNTS_INSTRUCTOR_PASSWORD", "pw-instructor");
        env.put("DEVIDP_ACCOUNTS_INSTRUCTOR_NAME", "Isabelle Instructrice");
        env.put("DEVIDP_ACCOUNTS_INSTRUCTOR_EMAIL", "instructor@example.test");
        env.put("DEVIDP_PORTAL_CLIENT_CLIENT_SECRET", "s3cret");
        env.put("DEVIDP_PORTAL_CLIENT_BASE_URL", "http://localhost:18080");
        return env;
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    @Test
    void bindsAccountsKeyedByUsernameAndThePortalClientFromEnvironmentVariables() throws IOException {
        Map<String, Object> variables = launcherEnvironment();
        variables.put("SERVER_PORT", "9100");
        StandardEnvironment environment = environment(variables);
        environment
                .getPropertySources()
                .addLast(new ResourcePropertySource(new ClassPathResource("application.properties")));

        DevIdpProperties properties =
                Binder.get(environment).bind("devidp", DevIdpProperties.class).get();

        assertThat(properties.accounts()).containsOnlyKeys("sponsor", "instructor");
        assertThat(properties.accounts().get("sponsor"))
                .isEqualTo(new DevIdpProperties.Account("pw-sponsor", "Sophie Sponsor", "sponsor@example.test", "en"));
        assertThat(properties.accounts().get("instructor").locale()).isEqualTo("fr");
        assertThat(properties.accounts().get("instructor").name()).isEqualTo("Isabelle Instructrice");
        assertThat(properties.portalClient().clientId()).isEqualTo("guichet-portal");
        assertThat(properties.portalClient().clientSecret()).isEqualTo("s3cret");
        assertThat(properties.portalClient().redirectUri())
                .isEqualTo("http://localhost:18080/login/oauth2/code/guichet");
        assertThat(properties.portalClient().postLogoutRedirectUri()).isEqualTo("http://localhost:18080/");
        // Default issuer follows SERVER_PORT.
        assertThat(properties.issuer()).isEqualTo("http://localhost:9100");
    }

    @Test
    void startsFromEnvironmentVariablesOnlyWithHashedSecrets() {
        Map<String, Object> variables = launcherEnvironment();
        variables.put("SERVER_PORT", "0");
        variables.put("DEVIDP_ISSUER", "http://idp.localhost:9100");
        variables.put("DEVIDP_PORTAL_CLIENT_CLIENT_ID", "other-portal");

        try (ConfigurableApplicationContext context = run(variables)) {
            assertThat(context.getEnvironment().getProperty("server.servlet.session.cookie.name"))
                    .isEqualTo("DEVIDP_SESSION");
            assertThat(context.getBean(AuthorizationServerSettings.class).getIssuer())
                    .isEqualTo("http://idp.localhost:9100");

            PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
            UserDetails sponsor = context.getBean(UserDetailsService.class).loadUserByUsername("sponsor");
            assertThat(sponsor.getPassword()).startsWith("{bcrypt}");
            assertThat(encoder.matches("pw-sponsor", sponsor.getPassword())).isTrue();
            assertThatThrownBy(() -> encoder.matches("pw", "{noop}pw")).isInstanceOf(IllegalArgumentException.class);
            assertThat(context.getBean(UserDetailsService.class).loadUserByUsername("instructor"))
                    .isNotNull();

            RegisteredClient client =
                    context.getBean(RegisteredClientRepository.class).findByClientId("other-portal");
            assertThat(client).isNotNull();
            assertThat(client.getClientSecret()).startsWith("{bcrypt}");
            assertThat(encoder.matches("s3cret", client.getClientSecret())).isTrue();
            assertThat(client.getRedirectUris()).containsExactly("http://localhost:18080/login/oauth2/code/guichet");
            assertThat(client.getPostLogoutRedirectUris()).containsExactly("http://localhost:18080/");
            assertThat(client.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
        }
    }

    @Test
    void startupFailsNamingTheVariableWhenTheClientSecretIsMissing() {
        Map<String, Object> variables = launcherEnvironment();
        variables.remove("DEVIDP_PORTAL_CLIENT_CLIENT_SECRET");
        variables.put("SERVER_PORT", "0");

        assertThatThrownBy(() -> run(variables).close())
                .rootCause()
                .hasMessageContaining("portalClient.clientSecret")
                .hasMessageContaining("DEVIDP_PORTAL_CLIENT_CLIENT_SECRET");
    }

    @Test
    void startupFailsNamingTheVariablesWhenNoAccountIsConfigured() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("SPRING_PROFILES_ACTIVE", "local");
        variables.put("SERVER_PORT", "0");
        variables.put("DEVIDP_PORTAL_CLIENT_CLIENT_SECRET", "s3cret");

        assertThatThrownBy(() -> run(variables).close())
                .rootCause()
                .hasMessageContaining("no account configured")
                .hasMessageContaining("DEVIDP_ACCOUNTS_<USERNAME>_PASSWORD");
    }

    @Test
    void startupFailsWhenAnAccountHasNoPassword() {
        Map<String, Object> variables = launcherEnvironment();
        variables.remove("DEVIDP_ACCOUNTS_SPONSOR_PASSWORD");
        variables.put("SERVER_PORT", "0");

        assertThatThrownBy(() -> run(variables).close())
                .rootCause()
                .hasMessageContaining("accounts[sponsor].password")
                .hasMessageContaining("DEVIDP_ACCOUNTS_<USERNAME>_PASSWORD");
    }

    private static ConfigurableApplicationContext run(Map<String, Object> variables) {
        return new SpringApplicationBuilder(DevIdentityProviderApplication.class)
                .environment(environment(variables))
                .web(WebApplicationType.SERVLET)
                .run();
    }
}
