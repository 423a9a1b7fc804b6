package fr.guichetbio.portal;

import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The command-line runs of the jar ({@code --guichet.catalogue.import=…}, {@code --guichet.index.rebuild}) serve no
 * pages: they start as an application without a web server, so they open no port and need none of the sign-in
 * settings (no OpenID Connect client, no production settings check), like the {@code indexer} profile.
 */
class CommandsServeNoPages implements EnvironmentPostProcessor, Ordered {

    static final List<String> COMMANDS = List.of("guichet.catalogue.import", "guichet.index.rebuild");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (COMMANDS.stream().anyMatch(environment::containsProperty)) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "guichetCommand", Map.of("spring.main.web-application-type", "none")));
        }
    }

    /** After the configuration files are read (a command may be set there), before the settings check. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
