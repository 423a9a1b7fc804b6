package fr.guichetbio.portal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shared token buckets, on a real PostgreSQL database migrated by the portal's changelog. */
class RateLimiterTest {

    private static final JdbcClient DATABASE = TestDatabase.migrated();

    private static final RateLimitProperties PROPERTIES = new RateLimitProperties(
            true,
            new RateLimitProperties.Limit(3, Duration.ofMinutes(1)),
            new RateLimitProperties.Limit(2, Duration.ofSeconds(10)),
            null,
            null,
            null,
            null);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T10:00:00Z"));

    private final RateLimiter limiter = new RateLimiter(PROPERTIES, DATABASE, clock);

    @Test
    void aBucketAllowsItsCapacityThenRefusesWithTheTimeToTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.1").allowed())
                    .isTrue();
        }
        RateLimiter.Decision refused = limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.1");

        assertThat(refused.allowed()).isFalse();
        // 3 per minute: one token every 20 s.
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void theBucketRefillsOverTime() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2");
        }
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                .isFalse();

        clock.advance(Duration.ofSeconds(19));
        RateLimiter.Decision almost = limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2");
        assertThat(almost.allowed()).isFalse();
        assertThat(almost.retryAfterSeconds()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                .isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                .isFalse();

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                    .as("full again, but never above capacity")
                    .isTrue();
        }
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                .isFalse();
    }

    @Test
    void aClockBehindTheLastRequestRefillsNothing() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.6");
        }
        // Another replica whose clock is a minute late.
        SettableClock late = new SettableClock(clock.instant().minus(Duration.ofMinutes(1)));
        RateLimiter.Decision refused =
                new RateLimiter(PROPERTIES, DATABASE, late).tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.6");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void keysAndKindsHaveSeparateBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.3");
        }
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.3").allowed())
                .isFalse();
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.4").allowed())
                .isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Kind.TOKEN, "10.0.0.3").allowed())
                .isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Kind.API, "10.0.0.3").allowed())
                .as("default API limit")
                .isTrue();
    }

    @Test
    void twoLimitersOnOneDatabaseShareOneBudgetUnderConcurrentRequests() throws Exception {
        // Two replicas, each with its own connections, 40 requests of one key at once against 3 per minute.
        RateLimiter first = new RateLimiter(PROPERTIES, DATABASE, clock);
        RateLimiter second = new RateLimiter(PROPERTIES, JdbcClient.create(otherConnections()), clock);
        List<Callable<Boolean>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RateLimiter replica = i % 2 == 0 ? first : second;
            requests.add(
                    () -> replica.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.7").allowed());
        }
        int granted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> answer : pool.invokeAll(requests)) {
                granted += answer.get() ? 1 : 0;
            }
        }

        assertThat(granted).isEqualTo(3);
    }

    @Test
    void oldBucketsAreDeletedOnceFull() {
        limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.8");
        clock.advance(Duration.ofSeconds(30));
        limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.9");

        // Longest period: the login's minute. 10.0.0.8's bucket is 61 s old, 10.0.0.9's 31 s.
        clock.advance(Duration.ofSeconds(31));
        limiter.forgetFullBuckets();

        assertThat(DATABASE.sql("select bucket_key from rate_limit_bucket where bucket_key like 'LOGIN:10.0.0._'")
                        .query(String.class)
                        .list())
                .containsExactly("LOGIN:10.0.0.9");
    }

    @Test
    void anUnreachableDatabaseLetsRequestsThrough() {
        RateLimiter cut = new RateLimiter(
                new RateLimitProperties(
                        true, new RateLimitProperties.Limit(1, Duration.ofHours(1)), null, null, null, null, null),
                JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/guichet", "postgres", "")),
                clock);

        for (int i = 0; i < 3; i++) {
            assertThat(cut.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.10").allowed())
                    .as("fail open: an outage is not a client's excess")
                    .isTrue();
        }
    }

    @Test
    void disabledLimiterAllowsEverything() {
        RateLimiter off = new RateLimiter(
                new RateLimitProperties(
                        false, new RateLimitProperties.Limit(1, Duration.ofHours(1)), null, null, null, null, null),
                DATABASE,
                clock);
        for (int i = 0; i < 5; i++) {
            assertThat(off.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.5").allowed())
                    .isTrue();
        }
    }

    /** The same database through other connections, as a second replica has. */
    private static javax.sql.DataSource otherConnections() {
        String database =
                DATABASE.sql("select current_database()").query(String.class).single();
        return TestDatabase.dataSource(database);
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
