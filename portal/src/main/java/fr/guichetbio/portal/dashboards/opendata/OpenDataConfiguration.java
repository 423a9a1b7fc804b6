package fr.guichetbio.portal.dashboards.opendata;

import fr.guichetbio.portal.dashboards.disclosure.SmallCells;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OpenDataProperties.class)
class OpenDataConfiguration {

    @Bean
    SmallCells openDataSmallCells(OpenDataProperties properties) {
        return new SmallCells(properties.smallCellThreshold());
    }
}
