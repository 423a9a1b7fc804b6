package fr.guichetbio.portal.matchmaking.alert;

import fr.guichetbio.portal.notification.NotificationCategory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The alerts' settings, their daily job and the category of their digest, which each person may keep off e-mail. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {

    static final String DIGEST = "matchmaking.digest";

    @Bean
    static NotificationCategory matchmakingDigest() {
        return new NotificationCategory(DIGEST);
    }
}
