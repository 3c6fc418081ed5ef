package io.newswire.ingest.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to fetch a source next: never sooner than our interval or than the publisher asks
 * (Cache-Control max-age, RSS ttl, Retry-After), exponentially later while it keeps failing, and
 * never later than a maximum so a source that recovers is noticed within a day.
 */
final class PollSchedule {

    private final Clock clock;
    private final Duration interval;
    private final Duration maxInterval;
    private final double jitter;
    private final RandomGenerator random;

    /**
     * @param interval how often a healthy source is polled when it asks nothing else
     * @param maxInterval the longest wait, whatever the publisher or the error count says
     */
    PollSchedule(Clock clock, Duration interval, Duration maxInterval) {
        this(clock, interval, maxInterval, 0, null);
    }

    private PollSchedule(Clock clock, Duration interval, Duration maxInterval, double jitter, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.maxInterval = Objects.requireNonNull(maxInterval, "maxInterval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (maxInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("maxInterval " + maxInterval + " is shorter than interval " + interval);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
        this.jitter = jitter;
        this.random = random;
    }

    /**
     * The same schedule with each delay lengthened by a random part of up to {@code fraction} of
     * itself, so that sources added together (or failing together) spread out. Only ever
     * lengthened, so a publisher's max-age or Retry-After is still honoured. A generator shared
     * between threads must be thread-safe (ThreadLocalRandom.current() per call is not).
     */
    PollSchedule withJitter(double fraction, RandomGenerator random) {
        return new PollSchedule(clock, interval, maxInterval, fraction, Objects.requireNonNull(random, "random"));
    }

    /**
     * After a 200 or 304: the longest of the interval, Cache-Control max-age and RSS ttl (either
     * may be {@code null}), capped at the maximum.
     */
    Instant afterSuccess(Duration maxAge, Duration ttl) {
        Duration delay = interval;
        delay = longer(delay, maxAge);
        delay = longer(delay, ttl);
        return clock.instant().plus(jittered(shorter(delay, maxInterval)));
    }

    /**
     * After a failure: interval × 2<sup>consecutiveErrors</sup>, at least the server's
     * Retry-After when it sent one (429, 503), capped at the maximum.
     *
     * @param consecutiveErrors failures in a row, this one included (1 for the first)
     */
    Instant afterError(int consecutiveErrors, Duration retryAfter) {
        if (consecutiveErrors < 1) {
            throw new IllegalArgumentException("consecutiveErrors counts this failure, so it is at least 1");
        }
        Duration delay = longer(backOff(consecutiveErrors), retryAfter);
        return clock.instant().plus(jittered(shorter(delay, maxInterval)));
    }

    private Duration backOff(int errors) {
        // Past 2^40 any interval is beyond any sensible maximum; stop before Duration overflows.
        if (errors >= 40) {
            return maxInterval;
        }
        try {
            return interval.multipliedBy(1L << errors);
        }
        catch (ArithmeticException ex) {
            return maxInterval;
        }
    }

    private Duration jittered(Duration delay) {
        if (jitter == 0) {
            return delay;
        }
        return delay.plusMillis((long) (delay.toMillis() * jitter * random.nextDouble()));
    }

    private static Duration longer(Duration a, Duration b) {
        return b != null && b.compareTo(a) > 0 ? b : a;
    }

    private static Duration shorter(Duration a, Duration b) {
        return b.compareTo(a) < 0 ? b : a;
    }
}
