package fr.guichetbio.portal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private final RateLimiter limiter = new RateLimiter(
            new RateLimitProperties(
                    true,
                    new RateLimitProperties.Limit(3, Duration.ofMinutes(1)),
                    new RateLimitProperties.Limit(2, Duration.ofSeconds(10)),
                    null,
                    null,
                    null,
                    null),
            now::get);

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

        now.addAndGet(Duration.ofSeconds(19).toNanos());
        RateLimiter.Decision almost = limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2");
        assertThat(almost.allowed()).isFalse();
        assertThat(almost.retryAfterSeconds()).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                .isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                .isFalse();

        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                    .as("full again, but never above capacity")
                    .isTrue();
        }
        assertThat(limiter.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.2").allowed())
                .isFalse();
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
    void disabledLimiterAllowsEverything() {
        RateLimiter off = new RateLimiter(
                new RateLimitProperties(
                        false, new RateLimitProperties.Limit(1, Duration.ofHours(1)), null, null, null, null, null),
                now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(off.tryAcquire(RateLimiter.Kind.LOGIN, "10.0.0.5").allowed())
                    .isTrue();
        }
    }
}
