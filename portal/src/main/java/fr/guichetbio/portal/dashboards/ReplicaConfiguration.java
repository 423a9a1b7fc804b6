package fr.guichetbio.portal.dashboards;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The optional read replica ({@code guichet.datasource.replica.url}, with the primary's user and password): when
 * set, the application's {@code DataSource} routes to a small read-only pool on the replica the connections opened
 * inside {@link ReplicaReads#read}, and every other one to the primary's pool, built from {@code spring.datasource.*}
 * as Spring Boot would. Unset, nothing here is created and Spring Boot's own data source is used.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    static final String URL = "guichet.datasource.replica.url";

    @Bean
    ReplicaReads replicaReads(@Value("${" + URL + ":}") String url) {
        return new ReplicaReads(!url.isBlank());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(URL)
    static class Routing {

        @Bean
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource primaryDataSource(DataSourceProperties properties) {
            return properties
                    .initializeDataSourceBuilder()
                    .type(HikariDataSource.class)
                    .build();
        }

        /** Reads only, a few connections: figures are computed once per cache period and replica of the portal. */
        @Bean
        HikariDataSource replicaDataSource(DataSourceProperties properties, @Value("${" + URL + "}") String url) {
            HikariDataSource replica = new HikariDataSource();
            replica.setPoolName("replica");
            replica.setJdbcUrl(url);
            replica.setUsername(properties.determineUsername());
            replica.setPassword(properties.determinePassword());
            replica.setReadOnly(true);
            replica.setMaximumPoolSize(4);
            replica.setMinimumIdle(0);
            replica.setConnectionTimeout(3000);
            replica.setValidationTimeout(2000);
            return replica;
        }

        @Bean
        @Primary
        DataSource dataSource(HikariDataSource primaryDataSource, HikariDataSource replicaDataSource) {
            AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {
                @Override
                protected Object determineCurrentLookupKey() {
                    return ReplicaReads.onReplica() ? "replica" : "primary";
                }
            };
            routing.setTargetDataSources(Map.of("primary", primaryDataSource, "replica", replicaDataSource));
            routing.setDefaultTargetDataSource(primaryDataSource);
            routing.afterPropertiesSet();
            return routing;
        }
    }
}
