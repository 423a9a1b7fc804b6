package fr.guichetbio.portal.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The buckets of every limited key, in memory. Full buckets are forgotten when the map grows, so memory stays bounded
 * by the number of keys active within one period.
 */
@Component
public class RateLimiter {

    /** Which limit a request counts against. */
    public enum Kind {
        LOGIN,
        TOKEN,
        API,
        SEARCH,
        EXPORT,
        VERIFY
    }

    /** Granted, or refused with the whole seconds to wait (at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    private static final int SWEEP_ABOVE = 10_000;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimitProperties properties;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    RateLimiter(RateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    RateLimiter(RateLimitProperties properties, LongSupplier nanoClock) {
        this.properties = properties;
        this.nanoClock = nanoClock;
    }

    /** Counts one request of {@code key} (a client IP or client id) against the limit of {@code kind}. */
    public Decision tryAcquire(Kind kind, String key) {
        if (!properties.enabled()) {
            return new Decision(true, 0);
        }
        RateLimitProperties.Limit limit = limit(kind);
        long now = nanoClock.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(
                kind + ":" + key, ignored -> new TokenBucket(limit.requests(), limit.period(), now));
        long waitNanos = bucket.tryTake(now);
        if (waitNanos == 0) {
            return new Decision(true, 0);
        }
        return new Decision(false, Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND));
    }

    private RateLimitProperties.Limit limit(Kind kind) {
        return switch (kind) {
            case LOGIN -> properties.login();
            case TOKEN -> properties.token();
            case API -> properties.api();
            case SEARCH -> properties.search();
            case EXPORT -> properties.export();
            case VERIFY -> properties.verify();
        };
    }
}
