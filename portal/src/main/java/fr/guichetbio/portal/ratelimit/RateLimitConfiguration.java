package fr.guichetbio.portal.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the per-IP limit of sign-in and token requests ahead of Spring Security's filters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    FilterRegistrationBean<IpRateLimitFilter> ipRateLimitFilter(RateLimiter limiter) {
        FilterRegistrationBean<IpRateLimitFilter> registration =
                new FilterRegistrationBean<>(new IpRateLimitFilter(limiter));
        registration.setName("ipRateLimitFilter");
        registration.addUrlPatterns(
                "/oauth2/authorization/*",
                "/login/oauth2/*",
                IpRateLimitFilter.TOKEN_PATH,
                IpRateLimitFilter.SEARCH_PATH,
                IpRateLimitFilter.SEARCH_PATH + "/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
