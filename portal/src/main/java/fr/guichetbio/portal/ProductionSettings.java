package fr.guichetbio.portal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Fails closed: a portal that serves pages outside the {@code local} profile (which the run command and the tests set,
 * with development defaults) refuses to start until every production setting is given, and names all the missing ones
 * at once. Checked on the environment, before any bean exists, so that no other failure hides the list. Processes that
 * serve no pages (the {@code indexer} profile, the import and rebuild commands) need none of them.
 */
class ProductionSettings implements EnvironmentPostProcessor, Ordered {

    /** The profile of local runs: development identity provider, generated signing key, demo data. */
    static final String LOCAL_PROFILE = "local";

    /** A setting production must give, with the environment variable that usually gives it. */
    enum Setting {
        PUBLIC_BASE_URL(
                "guichet.public-base-url",
                "the address people reach the portal at, for absolute links (e.g. https://guichet-bioproduction.fr)"),
        OIDC_ISSUER_URI("guichet.oidc.issuer-uri", "the OpenID Connect provider people sign in with"),
        OIDC_CLIENT_SECRET("guichet.oidc.client-secret", "the portal's client secret at that provider"),
        API_SIGNING_KEY(
                "guichet.api.signing-key", "the RSA key (PEM PKCS#8) signing API tokens, the same on every replica"),
        BADGES_SIGNING_KEYS(
                "guichet.badges.signing-keys",
                "the JWK set of EC P-256 keys signing the Open Badges credentials (the first signs; earlier keys stay"
                        + " listed so that the badges they signed still verify), the same on every replica");

        final String property;
        final String description;

        Setting(String property, String description) {
            this.property = property;
            this.description = description;
        }

        /** {@code guichet.public-base-url} → {@code GUICHET_PUBLIC_BASE_URL}. */
        String variable() {
            return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE)) || !servesPages(environment, application)) {
            return;
        }
        List<Setting> missing = Arrays.stream(Setting.values())
                .filter(setting -> !StringUtils.hasText(environment.getProperty(setting.property)))
                .toList();
        if (!missing.isEmpty()) {
            throw new Missing(missing);
        }
    }

    /** The web application type as Spring Boot will decide it: the property when set, else the deduced one. */
    private static boolean servesPages(ConfigurableEnvironment environment, SpringApplication application) {
        String type = environment.getProperty("spring.main.web-application-type");
        WebApplicationType resolved = StringUtils.hasText(type)
                ? WebApplicationType.valueOf(
                        type.strip().toUpperCase(Locale.ROOT).replace('-', '_'))
                : application.getWebApplicationType();
        return resolved != WebApplicationType.NONE;
    }

    /** Last: after the configuration files and the command mode ({@link CommandsServeNoPages}). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The production settings that are missing; reported by {@link MissingProductionSettingsAnalyzer}. */
    static final class Missing extends IllegalStateException {

        private final List<Setting> settings;

        Missing(List<Setting> settings) {
            super("Missing production settings (or run with the profile 'local' for development): "
                    + settings.stream()
                            .map(s -> s.variable() + " (" + s.property + ")")
                            .collect(Collectors.joining(", ")));
            this.settings = List.copyOf(settings);
        }

        List<Setting> settings() {
            return settings;
        }
    }
}
