package fr.guichetbio.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void localDefaultsUseTheDocumentedPortsAndTheProjectVarFolder() {
        StackSettings settings = StackSettings.localDefaults(Path.of("/project"));

        assertThat(settings.portalPort()).isEqualTo(8080);
        assertThat(settings.identityProviderPort()).isEqualTo(9000);
        assertThat(settings.elasticsearchPort()).isEqualTo(9200);
        assertThat(settings.mailSmtpPort()).isEqualTo(3025);
        assertThat(settings.mailApiPort()).isEqualTo(8025);
        assertThat(settings.workDir()).isEqualTo(Path.of("/project/var"));
        assertThat(settings.stackDir()).isEqualTo(Path.of("/project/infra/launcher/target/stack"));
        assertThat(settings.recreateDatabase()).isFalse();
    }

    @Test
    void testSettingsUseDistinctFreePortsAndAFreshDatabase() {
        StackSettings settings = StackSettings.forTests(Path.of("s"), Path.of("w"));

        assertThat(java.util.List.of(
                        settings.portalPort(),
                        settings.identityProviderPort(),
                        settings.elasticsearchPort(),
                        settings.elasticsearchTransportPort(),
                        settings.mailSmtpPort(),
                        settings.mailApiPort()))
                .doesNotHaveDuplicates()
                .doesNotContain(8080, 9000, 9200, 3025, 8025);
        assertThat(settings.recreateDatabase()).isTrue();
        assertThat(settings.databaseName()).isNotEqualTo("guichet");
    }

    @Test
    void theTransportPortFollowsTheHttpPort() {
        assertThat(StackSettings.transportPortFor(9200)).isEqualTo(9300);
        assertThat(StackSettings.transportPortFor(19200)).isEqualTo(19300);
    }
}
