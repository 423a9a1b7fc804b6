package fr.guichetbio.portal.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits ({@code guichet.rate-limit.*}). Each limit is a token bucket: {@code requests} at once, refilled
 * evenly over {@code period}. Counted in PostgreSQL ({@link RateLimiter}): every replica counts against the same budget.
 *
 * @param enabled off only for load tests (env {@code GUICHET_RATE_LIMIT_ENABLED})
 * @param login sign-in requests per client IP ({@code /oauth2/authorization/**}, {@code /login/oauth2/**})
 * @param token token requests per client IP ({@code POST /api/oauth/token})
 * @param api API requests per API client, or per IP for requests without a valid token
 * @param search search page requests per client IP ({@code /recherche}, its autocomplete): each one queries
 *     Elasticsearch, so that one address cannot take the search engine from everybody else. Higher than the API's:
 *     a person typing in the box asks for suggestions several times a second, and offices share an address.
 * @param export public downloads per client IP ({@code /catalogue/export.json}, {@code /catalogue/export.csv},
 *     {@code /sitemap.xml}, the open data under {@code /donnees}): each one reads the whole public catalogue or a
 *     whole dataset; crawlers and scripts need a few a minute.
 * @param verify public certificate checks per client IP ({@code /verifier/**}, {@code /badges/**}): enough for an
 *     employer checking a team's certificates, not for walking through identifiers (they are unguessable anyway).
 */
@Validated
@ConfigurationProperties("guichet.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Valid Limit login,
        @Valid Limit token,
        @Valid Limit api,
        @Valid Limit search,
        @Valid Limit export,
        @Valid Limit verify) {

    public RateLimitProperties {
        login = login != null ? login : new Limit(60, Duration.ofMinutes(1));
        token = token != null ? token : new Limit(20, Duration.ofMinutes(1));
        api = api != null ? api : new Limit(120, Duration.ofMinutes(1));
        search = search != null ? search : new Limit(300, Duration.ofMinutes(1));
        export = export != null ? export : new Limit(30, Duration.ofMinutes(1));
        verify = verify != null ? verify : new Limit(120, Duration.ofMinutes(1));
    }

    /** {@code requests} per {@code period}, also the burst allowed. */
    public record Limit(@Min(1) int requests, @NotNull Duration period) {}
}
