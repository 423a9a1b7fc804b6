package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.certification.Certificates;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class VerificationPageConfiguration {

    /** After Spring Security's filters (default order): its headers and the rate limit apply to kept pages too. */
    @Bean
    FilterRegistrationBean<VerificationPageCache> verificationPageCache(
            Certificates certificates, LocaleResolver localeResolver) {
        FilterRegistrationBean<VerificationPageCache> registration = new FilterRegistrationBean<>(
                new VerificationPageCache(certificates, localeResolver, Clock.systemUTC()));
        registration.setName("verificationPageCache");
        registration.addUrlPatterns(CertificatesController.VERIFY + "*");
        return registration;
    }
}
