package fr.guichetbio.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue search of the index library, over Spring Boot's Elasticsearch client. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    CatalogueSearch catalogueSearch(ElasticsearchClient client) {
        return new CatalogueSearch(client);
    }
}
