package io.newswire.notify.social;

import io.newswire.notify.system.RecordBackOff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * How a post that failed for now is retried: the work record fails, and the service's error
 * handler asks this for the wait. A 429 is waited out exactly as long as the platform asked
 * (capped, see {@link SocialProperties.Retry#maxRateLimitWait}); a 5xx or a timeout with growing
 * waits. Past either budget the record is dead-lettered and the post marked failed.
 *
 * <p>The error handler keeps one back-off per failing record until the kind of exception changes,
 * so the 429 back-off reads the latest wait the platform asked for ({@link #rateLimited}) on every
 * retry, not only the first.
 */
class SocialRetry implements RecordBackOff {

    /** The platform said 429: wait its {@code retryAfter} before the record is tried again. */
    static class RateLimitedException extends RuntimeException {

        RateLimitedException(String message) {
            super(message);
        }
    }

    /** A 5xx, a timeout or a lost connection: try again with growing waits. */
    static class FailedForNowException extends RuntimeException {

        FailedForNowException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SocialProperties.Retry retry;
    private final Clock clock;
    private final Map<String, Instant> rateLimitedUntil = new ConcurrentHashMap<>();

    SocialRetry(SocialProperties.Retry retry, Clock clock) {
        this.retry = retry;
        this.clock = clock;
    }

    /** An account's platform asked to wait this long ({@code null}: it did not say; waits grow as for a 5xx). */
    RateLimitedException rateLimited(String accountId, Duration retryAfter, String message) {
        if (retryAfter == null) {
            rateLimitedUntil.remove(accountId);
        }
        else {
            rateLimitedUntil.put(accountId, clock.instant().plus(retryAfter));
        }
        return new RateLimitedException(message);
    }

    @Override
    public BackOff backOffFor(ConsumerRecord<?, ?> record, Exception failure) {
        if (!SocialFanOut.TOPIC.equals(record.topic())) {
            return null;
        }
        if (failure instanceof RateLimitedException) {
            String accountId = String.valueOf(record.key());
            return () -> new RateLimitWaits(accountId, growing().start());
        }
        return failure instanceof FailedForNowException ? growing() : null;
    }

    private BackOff growing() {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }

    /** Each retry waits until the account's latest {@code retryAfter} is over, or as a 5xx would when it said none. */
    private final class RateLimitWaits implements BackOffExecution {

        private final String accountId;
        private final BackOffExecution whenUnsaid;
        private int retries;

        RateLimitWaits(String accountId, BackOffExecution whenUnsaid) {
            this.accountId = accountId;
            this.whenUnsaid = whenUnsaid;
        }

        @Override
        public long nextBackOff() {
            if (++retries > retry.maxRateLimitedRetries()) {
                return STOP;
            }
            Instant until = rateLimitedUntil.get(accountId);
            if (until == null) {
                return whenUnsaid.nextBackOff();
            }
            Duration wait = Duration.between(clock.instant(), until);
            if (wait.isNegative()) {
                return 0;
            }
            return Math.min(wait.toMillis() + (wait.toNanosPart() % 1_000_000 > 0 ? 1 : 0), retry.maxRateLimitWait().toMillis());
        }
    }
}
