package fr.guichetbio.portal;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing production settings as Spring Boot's "APPLICATION FAILED TO START" report, one per line. */
class MissingProductionSettingsAnalyzer extends AbstractFailureAnalyzer<ProductionSettings.Missing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettings.Missing cause) {
        String list = cause.settings().stream()
                .map(s -> "    " + s.variable() + " (" + s.property + "): " + s.description)
                .collect(Collectors.joining(System.lineSeparator()));
        return new FailureAnalysis(
                "The portal serves pages in production mode (no 'local' profile) and these settings are missing:"
                        + System.lineSeparator() + list,
                "Set each of them (environment variables or any Spring Boot property source). For a local run, use"
                        + " infra/run, which sets the profile 'local' (SPRING_PROFILES_ACTIVE=local) with development"
                        + " defaults.",
                cause);
    }
}
