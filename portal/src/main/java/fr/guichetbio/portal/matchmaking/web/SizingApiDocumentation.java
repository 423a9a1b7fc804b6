package fr.guichetbio.portal.matchmaking.web;

import fr.guichetbio.portal.matchmaking.sizing.Input;
import fr.guichetbio.portal.matchmaking.sizing.Modality;
import fr.guichetbio.portal.matchmaking.sizing.SizingParameters;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code GET /api/dimensionnement}'s query parameters in the OpenAPI description, from {@link SizingParameters} (where
 * they are defined with their ranges): numbers with the range the calculator checks, choices with their values.
 */
@Configuration(proxyBeanMethods = false)
class SizingApiDocumentation {

    @Bean
    OperationCustomizer sizingApiParameters() {
        return (operation, handler) -> {
            if (handler.getBeanType() == SizingApiController.class) {
                SizingParameters.documentation().forEach(p -> operation.addParametersItem(parameter(p)));
            }
            return operation;
        };
    }

    private static Parameter parameter(SizingParameters.Documented documented) {
        Schema<Object> schema = new JsonSchema();
        Input input = documented.input();
        if (!documented.choices().isEmpty()) {
            schema.typesItem("string")
                    .setEnum(documented.choices().stream().map(c -> (Object) c).toList());
            if (documented.defaultChoice() != null) {
                schema.setDefault(documented.defaultChoice());
            }
        } else if (input == null) {
            schema.typesItem("number");
        } else {
            schema.typesItem(input.whole() ? "integer" : "number")
                    .minimum(decimal(input.min()))
                    .maximum(decimal(input.max()));
        }
        Parameter parameter = new Parameter()
                .in("query")
                .name(documented.name())
                .required(documented.required() ? true : null)
                .schema(schema)
                .description(documented.description());
        return documented.name().equals(Modality.PARAMETER)
                ? parameter.example(Modality.PROTEINS.parameter())
                : parameter;
    }

    /** A bound as written in the document: whole numbers without a fraction, powers of ten as such (1E+17). */
    private static BigDecimal decimal(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value);
        return value == Math.rint(value) && Math.abs(value) < 1e6 ? decimal.setScale(0) : decimal.stripTrailingZeros();
    }
}
