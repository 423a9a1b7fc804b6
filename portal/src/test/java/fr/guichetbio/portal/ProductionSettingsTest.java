package fr.guichetbio.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.support.TestDatabase;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * The portal started as in production, i.e. without the {@code local} profile that the run command and the tests set:
 * it refuses to serve pages without its production settings and names each missing one; with them it seeds no demo
 * data; commands that serve no pages (the catalogue import) need none of the sign-in settings.
 */
class ProductionSettingsTest {

    private static final List<String> PRODUCTION = List.of(
            "--guichet.public-base-url=https://guichet.example",
            "--guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "--guichet.oidc.client-secret=production-secret",
            "--guichet.api.signing-key=" + pem(),
            "--guichet.badges.signing-keys="
                    + new com.nimbusds.jose.jwk.JWKSet(fr.guichetbio.training.credential.BadgeKeys.generate("prod"))
                            .toString(false));

    @Test
    void withoutTheProductionSettingsThePortalRefusesToStartAndNamesEachOne() {
        assertThatThrownBy(() -> start(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none")))
                .hasMessageContainingAll(
                        "GUICHET_PUBLIC_BASE_URL",
                        "GUICHET_OIDC_ISSUER_URI",
                        "GUICHET_OIDC_CLIENT_SECRET",
                        "GUICHET_API_SIGNING_KEY",
                        "GUICHET_BADGES_SIGNING_KEYS",
                        "local");
    }

    @Test
    void eachMissingSettingIsNamedAlone() {
        for (int i = 0; i < PRODUCTION.size(); i++) {
            List<String> args = new ArrayList<>(PRODUCTION);
            String missing = args.remove(i);
            String variable = "GUICHET_"
                    + missing.substring(2, missing.indexOf('='))
                            .replace("guichet.", "")
                            .replace('.', '_')
                            .replace('-', '_')
                            .toUpperCase();
            args.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none");
            assertThatThrownBy(() -> start(args))
                    .as(variable)
                    .hasMessageContaining(variable)
                    .satisfies(e -> PRODUCTION.stream()
                            .filter(arg -> !arg.equals(missing))
                            .forEach(arg ->
                                    assertThat(e.getMessage()).doesNotContain(arg.substring(2, arg.indexOf('=')))));
        }
    }

    @Test
    void theStartupReportListsEachMissingSettingWithWhatItIsFor() {
        FailureAnalysis analysis = new MissingProductionSettingsAnalyzer()
                .analyze(new ProductionSettings.Missing(List.of(ProductionSettings.Setting.values())));

        assertThat(analysis.getDescription())
                .contains("GUICHET_PUBLIC_BASE_URL (guichet.public-base-url): the address people reach the portal at")
                .contains("GUICHET_OIDC_ISSUER_URI (guichet.oidc.issuer-uri)")
                .contains("GUICHET_OIDC_CLIENT_SECRET (guichet.oidc.client-secret)")
                .contains("GUICHET_API_SIGNING_KEY (guichet.api.signing-key)")
                .contains("GUICHET_BADGES_SIGNING_KEYS (guichet.badges.signing-keys)");
        assertThat(analysis.getAction()).contains("SPRING_PROFILES_ACTIVE=local");
    }

    @Test
    void withTheProductionSettingsThePortalServesPagesWithoutDemoData() {
        List<String> args = new ArrayList<>(PRODUCTION);
        args.addAll(database());
        args.add("--guichet.demo.accounts=admin:ADMIN");
        try (ConfigurableApplicationContext context = start(args)) {
            assertThat(context).isInstanceOf(WebApplicationContext.class);
            assertThat(context.containsBean("demoAccountsSeeder")).isFalse();
            assertThat(context.containsBean("demoOrganisations")).isFalse();
            assertThat(context.containsBean("demoCatalogueSeeder")).isFalse();
        }
    }

    @Test
    void theImportCommandRunsWithoutAnyOfTheSignInSettings() throws Exception {
        List<String> args = new ArrayList<>(database());
        args.add("--guichet.catalogue.import="
                + Path.of("src/test/resources/catalogue/catalogue-v1.example.json")
                        .toAbsolutePath());
        args.add("--guichet.catalogue.exit=false");
        String url = args.getFirst().substring("--spring.datasource.url=".length());
        try (ConfigurableApplicationContext context = start(args)) {
            assertThat(context).isNotInstanceOf(WebApplicationContext.class);
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                ResultSet count = connection.createStatement().executeQuery("select count(*) from site")) {
            count.next();
            assertThat(count.getInt(1)).as("sites imported").isPositive();
        }
    }

    /** Runs the portal with {@code args}, no profile but one of no meaning (the tests' own are local and test). */
    private static ConfigurableApplicationContext start(List<String> args) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.profiles.active=production",
                "--server.port=0",
                "--spring.elasticsearch.uris=http://127.0.0.1:1",
                "--guichet.indexing.enabled=false",
                "--spring.datasource.hikari.maximum-pool-size=2"));
        all.addAll(args);
        return SpringApplication.run(PortalApplication.class, all.toArray(String[]::new));
    }

    private static List<String> database() {
        return List.of(
                "--spring.datasource.url=" + TestDatabase.url(TestDatabase.create()),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
    }

    private static String pem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder()
                            .encodeToString(
                                    generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
