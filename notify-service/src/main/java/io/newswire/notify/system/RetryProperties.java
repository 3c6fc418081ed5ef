package io.newswire.notify.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a record that failed in a listener is retried before it is dead-lettered. The waits grow,
 * so a short SMTP or database outage is ridden out without hammering it; the defaults give up
 * after about a minute (1+2+4+8+16+30 s), well inside {@code max.poll.interval.ms}.
 *
 * @param initialInterval wait before the first retry
 * @param multiplier      growth of the wait from one retry to the next
 * @param maxInterval     the longest single wait
 * @param maxRetries      retries after the first attempt; then the record goes to the dead-letter topic
 */
@ConfigurationProperties("newswire.retry")
record RetryProperties(
        @DefaultValue("1s") Duration initialInterval,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("30s") Duration maxInterval,
        @DefaultValue("6") int maxRetries) {
}
