package fr.guichetbio.portal.search;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.support.TestDatabase;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Anonymous calls of the search API count against their IP's API limit; the search page has a limit of its own. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.api.requests=3",
            "guichet.rate-limit.api.period=1h",
            "guichet.rate-limit.search.requests=2",
            "guichet.rate-limit.search.period=1h",
            "guichet.rate-limit.export.requests=3",
            "guichet.rate-limit.export.period=1h"
        })
@AutoConfigureMockMvc
class SearchRateLimitTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Test
    void theFourthAnonymousCallFromOneIpWithinThePeriodIsRefused() throws Exception {
        for (int i = 0; i < 3; i++) {
            // Invalid parameters: answered without Elasticsearch, but counted all the same.
            mvc.perform(get("/api/search").param("taille", "0").with(r -> {
                        r.setRemoteAddr("192.0.2.10");
                        return r;
                    }))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(get("/api/search").param("taille", "0").with(r -> {
                    r.setRemoteAddr("192.0.2.10");
                    return r;
                }))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        // Another IP has its own allowance.
        mvc.perform(get("/api/search").param("taille", "0").with(r -> {
                    r.setRemoteAddr("192.0.2.11");
                    return r;
                }))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theSearchPageAndItsSuggestionsShareTheirOwnLimitPerIp() throws Exception {
        String ip = "192.0.2.20";
        // Too short a text for suggestions: answered without Elasticsearch, but counted.
        mvc.perform(get("/recherche/suggestions").param("q", "a").with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get("/recherche/suggestions").param("q", "b").with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get("/recherche").param("q", "aav").with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        // The API's allowance of that address is untouched.
        mvc.perform(get("/api/search").param("taille", "0").with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isBadRequest());
    }

    @Test
    void encodedSpellingsOfTheSearchPageCountAgainstItsLimit() throws Exception {
        String ip = "192.0.2.30";
        // Spring MVC serves each of these as /recherche/suggestions: all three share the page's bucket (2 here). Path
        // parameters (;jsessionid) are refused by the firewall of Spring Security (400) after counting.
        mvc.perform(get(URI.create("/recherch%65/suggestions?q=a")).with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get(URI.create("/recherche/suggestion%73?q=b")).with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get(URI.create("/r%65cherche/suggestions?q=c")).with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
    }

    @Test
    void theExportsAndTheSitemapShareTheirOwnLimitPerIp() throws Exception {
        String ip = "192.0.2.40";
        mvc.perform(get("/catalogue/export.json").with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get(URI.create("/catalogu%65/export.csv")).with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get(URI.create("/sitemap.xml")).with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
        mvc.perform(get(URI.create("/sit%65map.xml")).with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        // The search page's allowance of that address is untouched.
        mvc.perform(get("/recherche/suggestions").param("q", "a").with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                }))
                .andExpect(status().isOk());
    }
}
