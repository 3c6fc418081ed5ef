package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/** The waits the error handler takes for a social work record, per kind of failure. */
class SocialRetryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final SocialProperties.Retry settings = new SocialProperties.Retry(Duration.ofSeconds(2), 2.0,
            Duration.ofSeconds(60), 3, 2, Duration.ofMinutes(10));
    private final SocialRetry retry = new SocialRetry(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ConsumerRecord<String, Object> work = new ConsumerRecord<>(SocialFanOut.TOPIC, 0, 7, "x-main",
            new SocialWork(SocialWork.POST, "s", "x-main"));

    @Test
    void rateLimitedWorkWaitsExactlyTheLatestRetryAfterThenIsDeadLettered() {
        BackOffExecution waits = retry.backOffFor(work, retry.rateLimited("x-main", Duration.ofSeconds(2), "429")).start();

        assertThat(waits.nextBackOff()).isEqualTo(2000);
        retry.rateLimited("x-main", Duration.ofSeconds(15), "429 again");
        assertThat(waits.nextBackOff()).as("the platform's latest word").isEqualTo(15000);
        assertThat(waits.nextBackOff()).as("past max-rate-limited-retries").isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void aVeryLongRetryAfterIsCapped() {
        BackOff backOff = retry.backOffFor(work, retry.rateLimited("x-main", Duration.ofHours(1), "429"));

        assertThat(backOff.start().nextBackOff()).isEqualTo(Duration.ofMinutes(10).toMillis());
    }

    @Test
    void failuresForNowWaitLongerEachTimeThenAreDeadLettered() {
        BackOffExecution waits = retry.backOffFor(work, new SocialRetry.FailedForNowException("503", null)).start();

        assertThat(waits.nextBackOff()).isEqualTo(2000);
        assertThat(waits.nextBackOff()).isEqualTo(4000);
        assertThat(waits.nextBackOff()).isEqualTo(8000);
        assertThat(waits.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void otherTopicsAndOtherFailuresKeepTheServiceDefault() {
        assertThat(retry.backOffFor(new ConsumerRecord<>("newswire.newsletter.work", 0, 1, "k", "v"),
                new SocialRetry.FailedForNowException("x", null))).isNull();
        assertThat(retry.backOffFor(work, new IllegalStateException("database down"))).isNull();
    }
}
