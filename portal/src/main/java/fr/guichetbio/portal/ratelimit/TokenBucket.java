package fr.guichetbio.portal.ratelimit;

import java.time.Duration;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code capacity / period}. Each
 * request takes one token; with none left, the caller learns how long until the next one. Thread-safe.
 */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, Duration period, long now) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) period.toNanos();
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes a token at time {@code now} (nanoseconds); returns 0 when granted, else the nanoseconds to wait. */
    synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** Whether the bucket is full at {@code now}, i.e. forgetting it changes nothing. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            updatedAt = now;
        }
    }
}
