package fr.guichetbio.portal.ratelimit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The token buckets of every limited key, in PostgreSQL (table {@code rate_limit_bucket}) so that all portal replicas
 * count against one budget. Each limited request is one statement, one round trip: an insert that, on conflict,
 * refills the bucket for the time elapsed, takes a token when one is there, and returns what it decided. The row lock
 * of that statement serialises concurrent requests of one key, whichever replica they reach.
 *
 * <p>Not Bucket4j's PostgreSQL back end ({@code bucket4j_jdk17-postgresql}, which resolves from Maven Central): its
 * proxy managers run a transaction per request (lock or {@code select … for update}, then insert or update, then
 * commit), several round trips that hold the row lock in between; one statement does the same arithmetic.
 *
 * <p>When PostgreSQL cannot be reached, requests are let through (fail open) and the database is left alone for
 * {@link #OUTAGE_PAUSE}: a limit protects the portal from one client, whereas refusing everybody with "too many
 * requests" would misname an outage that the pages report themselves (the database error page; search and
 * verification answer from what they can reach). The pause keeps each limited request from waiting on the
 * connection pool while the database is down.
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

    /** How long requests go unlimited, without asking the database, after it failed to answer. */
    static final Duration OUTAGE_PAUSE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private static final Decision ALLOWED = new Decision(true, 0);

    /**
     * Refill for the seconds elapsed since the last request (never negative: replicas' clocks differ slightly), at most
     * to capacity. The update's expressions all read the row as it was, hence the refill spelled in each one.
     */
    private static final String REFILLED = "least(:capacity, bucket.tokens + greatest(0, extract(epoch from (:now -"
            + " bucket.updated_at))) * :capacity / :periodSeconds)";

    /**
     * Takes one token if the refilled bucket has one. A new key starts full, less the token of its first request.
     * Exact decimals (numeric), so that a token is back after exactly period / capacity.
     */
    private static final String TAKE = """
            insert into rate_limit_bucket as bucket (bucket_key, tokens, granted, updated_at)
            values (:key, :capacity - 1, true, :now)
            on conflict (bucket_key) do update set
              tokens = %1$s - case when %1$s >= 1 then 1 else 0 end,
              granted = %1$s >= 1,
              updated_at = greatest(bucket.updated_at, :now)
            returning granted, ceil((1 - tokens) * :periodSeconds / :capacity) as wait_seconds
            """.formatted(REFILLED);

    private final RateLimitProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    @Autowired
    RateLimiter(RateLimitProperties properties, DataSource dataSource) {
        this(properties, JdbcClient.create(dataSource), Clock.systemUTC());
    }

    RateLimiter(RateLimitProperties properties, JdbcClient jdbc, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts one request of {@code key} (a client IP or client id) against the limit of {@code kind}. */
    public Decision tryAcquire(Kind kind, String key) {
        if (!properties.enabled()) {
            return ALLOWED;
        }
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil.get())) {
            return ALLOWED;
        }
        RateLimitProperties.Limit limit = limit(kind);
        try {
            return jdbc.sql(TAKE)
                    .param("key", kind + ":" + key)
                    .param("capacity", limit.requests())
                    .param("periodSeconds", BigDecimal.valueOf(limit.period().toNanos(), 9))
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .query((row, number) -> row.getBoolean("granted")
                            ? ALLOWED
                            : new Decision(false, Math.max(1, row.getLong("wait_seconds"))))
                    .single();
        } catch (DataAccessException unreachable) {
            pausedUntil.set(now.plus(OUTAGE_PAUSE));
            log.warn(
                    "Request limits not counted for {}: the database did not answer ({})",
                    OUTAGE_PAUSE,
                    unreachable.getMessage());
            return ALLOWED;
        }
    }

    /**
     * Deletes the buckets untouched for longer than the longest period: they have refilled, forgetting them changes
     * nothing. Every replica may run it, at the same time too: a plain delete of rows nobody needs.
     */
    @Scheduled(fixedDelay = 600_000, initialDelay = 60_000)
    void forgetFullBuckets() {
        if (!properties.enabled()) {
            return;
        }
        try {
            jdbc.sql("delete from rate_limit_bucket where updated_at < :before")
                    .param("before", OffsetDateTime.ofInstant(clock.instant().minus(longestPeriod()), ZoneOffset.UTC))
                    .update();
        } catch (DataAccessException unreachable) {
            log.warn("Old request-limit buckets not deleted: {}", unreachable.getMessage());
        }
    }

    private Duration longestPeriod() {
        return Stream.of(Kind.values())
                .map(kind -> limit(kind).period())
                .max(Duration::compareTo)
                .orElseThrow();
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
