package fr.guichetbio.portal.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueIndexAdmin;
import fr.guichetbio.catalogue.index.CatalogueIndexOrigin;
import fr.guichetbio.catalogue.index.CatalogueIndexer;
import fr.guichetbio.catalogue.index.CatalogueRebuild;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The index library's objects on the portal's Elasticsearch client; scheduling for the outbox worker. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IndexingConfiguration {

    @Bean
    CatalogueIndexAdmin catalogueIndexAdmin(ElasticsearchClient client) {
        return new CatalogueIndexAdmin(client);
    }

    @Bean
    CatalogueIndexer catalogueIndexer(ElasticsearchClient client) {
        return new CatalogueIndexer(client);
    }

    @Bean
    CatalogueIndexOrigin catalogueIndexOrigin(ElasticsearchClient client) {
        return new CatalogueIndexOrigin(client);
    }

    @Bean
    CatalogueRebuild catalogueRebuild(ElasticsearchClient client, CatalogueIndexAdmin admin) {
        return new CatalogueRebuild(client, admin);
    }
}
