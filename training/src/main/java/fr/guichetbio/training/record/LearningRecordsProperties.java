package fr.guichetbio.training.record;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Learning records' settings ({@code guichet.training.*}).
 *
 * @param recordsHomePage the portal's public address: the actor's account home page and the root of every activity
 *     id (the application sets it from {@code guichet.public-base-url})
 * @param lrs the external Learning Record Store statements are forwarded to; off without an endpoint
 */
@ConfigurationProperties("guichet.training")
public record LearningRecordsProperties(
        @DefaultValue("http://localhost:8080") URI recordsHomePage,
        @DefaultValue Lrs lrs) {

    public LearningRecordsProperties {
        String home = recordsHomePage.toString();
        if (home.endsWith("/")) {
            recordsHomePage = URI.create(home.substring(0, home.length() - 1));
        }
    }

    /**
     * @param endpoint the LRS's xAPI endpoint (statements are POSTed to {@code <endpoint>/statements}); none: off
     * @param username HTTP Basic user (the LRS's key), with {@code password}; none: no Authorization header
     * @param batchSize statements per request
     * @param maxAttempts attempts per statement before giving up (it stays in the database, marked with the error)
     * @param firstRetry the wait after a first failure, doubled after each next one (capped at {@code maxRetry})
     * @param maxRetry the longest wait between two attempts
     * @param timeout connection and response timeout of one request
     */
    public record Lrs(
            URI endpoint,
            String username,
            String password,
            @DefaultValue("50") int batchSize,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("30s") Duration firstRetry,
            @DefaultValue("6h") Duration maxRetry,
            @DefaultValue("10s") Duration timeout) {

        public Lrs {
            if (endpoint != null
                    && (!endpoint.isAbsolute()
                            || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
                throw new IllegalArgumentException("guichet.training.lrs.endpoint must be an http(s) URL: " + endpoint);
            }
            if (batchSize < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("guichet.training.lrs batch-size and max-attempts must be positive");
            }
        }

        /** The wait before the attempt that follows {@code failures} failed ones: doubled each time, capped. */
        Duration backoff(int failures) {
            Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
            return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
        }
    }
}
