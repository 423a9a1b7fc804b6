package fr.guichetbio.portal.catalogue.exchange;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The catalogue/v1 JSON schema (a copy of {@code shared/contracts/catalogue-v1.schema.json} bundled as
 * {@code catalogue/catalogue-v1.schema.json}), validated with networknt json-schema-validator (draft 2020-12, formats
 * asserted). Its messages come from the validator's own bundles in the reader's language where it has one (French
 * and English do), else in English.
 */
@Component
public class CatalogueSchema {

    public static final String RESOURCE = "catalogue/catalogue-v1.schema.json";

    private final String schemaText;
    private final Map<Locale, JsonSchema> schemas = new ConcurrentHashMap<>();

    CatalogueSchema() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            schemaText = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One schema violation: the JSON pointer of the offending value (or missing property) and the reason. */
    record Violation(String pointer, String message) {}

    List<Violation> validate(String document, Locale locale) {
        return violations(schema(locale).validate(document, InputFormat.JSON));
    }

    /** The same on a document already parsed (the import parses it once, then validates and maps the tree). */
    List<Violation> validate(com.fasterxml.jackson.databind.JsonNode document, Locale locale) {
        return violations(schema(locale).validate(document));
    }

    private JsonSchema schema(Locale locale) {
        return schemas.computeIfAbsent(Locale.of(locale.getLanguage()), this::load);
    }

    private static List<Violation> violations(java.util.Set<ValidationMessage> messages) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage message : messages) {
            String pointer = message.getInstanceLocation().toString();
            if (("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))
                    && message.getProperty() != null) {
                pointer = pointer + "/" + message.getProperty();
            }
            violations.add(new Violation(pointer, reason(message)));
        }
        violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::message));
        return violations;
    }

    private static String reason(ValidationMessage message) {
        String text = message.getMessage();
        String location = message.getInstanceLocation().toString();
        // The validator starts its messages with the instance location: keep only the reason.
        if (text.startsWith(location + ": ")) {
            return text.substring(location.length() + 2);
        }
        if (location.isEmpty() && text.startsWith(": ")) {
            return text.substring(2);
        }
        return text;
    }

    private JsonSchema load(Locale locale) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .locale(locale)
                .build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText, config);
    }
}
