package fr.guichetbio.portal.web;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/** Language switch, the front-end assets copied from npm into {@code static/vendor/}, the public base URL. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicUrls.Settings.class)
class WebConfiguration implements WebMvcConfigurer {

    /** The bean name Spring MVC looks up. */
    @Bean
    LocaleResolver localeResolver() {
        return new SupportedLocaleResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName(SupportedLocaleResolver.LANG_PARAMETER);
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    /**
     * Vendor files get a content hash in their URL ({@code guichet.min-<md5>.css}; the stylesheet's own font and icon
     * URLs are hashed the same way by the build), so they can be cached for a year; the templates link them with
     * {@code @{/vendor/...}}, rewritten by the resource chain. Text files are served from the {@code .br} or {@code
     * .gz} the build wrote next to them when the browser accepts that encoding, brotli first (with {@code Vary:
     * Accept-Encoding}).
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/vendor/**")
                .addResourceLocations("classpath:/static/vendor/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new BrotliFirstResourceResolver())
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }
}
