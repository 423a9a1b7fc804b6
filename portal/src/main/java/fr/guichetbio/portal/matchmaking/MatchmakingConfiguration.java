package fr.guichetbio.portal.matchmaking;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.match.Shortlister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue index's shortlist engine, on the client Spring Boot builds from {@code spring.elasticsearch.*}. */
@Configuration(proxyBeanMethods = false)
class MatchmakingConfiguration {

    @Bean
    Shortlister shortlister(ElasticsearchClient client) {
        return new Shortlister(client);
    }
}
