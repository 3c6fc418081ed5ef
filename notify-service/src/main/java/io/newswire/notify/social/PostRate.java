package io.newswire.notify.social;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One account's token bucket: {@code postsPerMinute} on average, at most {@code burst} at once after
 * a quiet spell (it starts full). A caller that finds it empty takes a token from the future and
 * waits until it is due, at most {@code 60 / postsPerMinute} seconds per post queued before it. The
 * work topic is keyed by account, so the wait holds up only the consumer of that account's partition.
 */
class PostRate {

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    PostRate(SocialProperties.RateLimit limit) {
        this(limit, System::nanoTime);
    }

    PostRate(SocialProperties.RateLimit limit, LongSupplier nanoTime) {
        this.perNano = limit.postsPerMinute() / TimeUnit.MINUTES.toNanos(1);
        this.capacity = limit.burst();
        this.nanoTime = nanoTime;
        this.refilledAt = nanoTime.getAsLong();
        this.tokens = capacity;
    }

    /** Waits until a token is due (at once when the limit is off). */
    void acquire() {
        long waitNanos = reserve();
        long deadline = nanoTime.getAsLong() + waitNanos;
        for (long left = waitNanos; left > 0; left = deadline - nanoTime.getAsLong()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Takes one token and says how long until it is due (0: now). */
    synchronized long reserve() {
        if (perNano == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }
}
