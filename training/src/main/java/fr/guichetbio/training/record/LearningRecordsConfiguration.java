package fr.guichetbio.training.record;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LearningRecordsProperties.class)
class LearningRecordsConfiguration {}
