package fr.guichetbio.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production logs are JSON lines carrying the request id; the profile {@code local} (run command, tests) keeps human
 * lines. Reads the portal's own configuration files, then encodes a log line as the production setting does.
 */
class JsonLogsTest {

    private static final String FORMAT = "logging.structured.format.console";

    @Test
    void productionWritesJsonLinesWithTheRequestIdAndLocalHumanLines() throws Exception {
        String production = String.valueOf(setting("application.yml"));
        assertThat(production).isEqualTo("ecs");
        assertThat(setting("application-local.yml")).as("local: human lines").isEqualTo("");

        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(production);
        encoder.start();
        LoggingEvent event = new LoggingEvent(
                getClass().getName(),
                context.getLogger("fr.guichetbio.portal.Example"),
                Level.WARN,
                "Refused",
                null,
                null);
        event.setMDCPropertyMap(Map.of(RequestIds.MDC_KEY, "lb-7f3a"));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        JsonNode json = JsonMapper.builder().build().readTree(line);

        assertThat(line.strip()).doesNotContain("\n");
        assertThat(json.get("message").asString()).isEqualTo("Refused");
        assertThat(json.get("log").get("level").asString()).isEqualTo("WARN");
        assertThat(json.get(RequestIds.MDC_KEY).asString()).isEqualTo("lb-7f3a");
    }

    private static Object setting(String file) throws Exception {
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
            if (source.containsProperty(FORMAT)) {
                return source.getProperty(FORMAT);
            }
        }
        return null;
    }
}
