package fr.guichetbio.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import io.micrometer.core.instrument.MeterRegistry;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue search of the index library, over Spring Boot's Elasticsearch client, timed. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    CatalogueSearch catalogueSearch(ElasticsearchClient client, MeterRegistry meters) {
        return new TimedCatalogueSearch(client, meters);
    }

    /** {@code GET /api/search}'s query parameters in the OpenAPI description, from where they are defined. */
    @Bean
    OperationCustomizer searchApiParameters() {
        return (operation, handler) -> {
            if (handler.getBeanType() == SearchApiController.class) {
                SearchParameters.documentation().forEach(operation::addParametersItem);
            }
            return operation;
        };
    }
}
