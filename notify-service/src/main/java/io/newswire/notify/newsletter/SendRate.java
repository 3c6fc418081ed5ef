package io.newswire.notify.newsletter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A token bucket: at most {@code perSecond} permits a second on average, and never more than one
 * second's worth at once after a quiet spell. A caller that finds the bucket empty takes a permit
 * from the future and waits until it is due, so callers are served in the order they asked.
 * One bucket per instance, shared by every thread that sends.
 */
class SendRate {

    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    SendRate(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    SendRate(double perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
        this.refilledAt = nanoTime.getAsLong();
        // Starts empty: a freshly started instance does not open with a burst.
        this.tokens = 0;
    }

    /** Waits until a permit is due, then returns. */
    void acquire() {
        long waitNanos = reserve();
        long deadline = nanoTime.getAsLong() + waitNanos;
        for (long left = waitNanos; left > 0; left = deadline - nanoTime.getAsLong()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Takes one permit and says how long until it is due (0: now). */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perSecond / TimeUnit.SECONDS.toNanos(1));
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * TimeUnit.SECONDS.toNanos(1));
    }
}
