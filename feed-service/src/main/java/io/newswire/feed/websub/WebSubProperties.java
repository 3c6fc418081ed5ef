package io.newswire.feed.websub;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WebSub, publisher side: the hubs every feed advertises ({@code rel="hub"}) and is announced to
 * when it changes.
 *
 * @param hubs           hub URLs; none means feeds advertise no hub and nothing is announced
 * @param initialBackOff the wait before the first retry of a failed announcement
 * @param maxBackOff     the longest wait between retries
 * @param maxAttempts    attempts per announcement before it is given up and logged
 */
@ConfigurationProperties("newswire.websub")
public record WebSubProperties(
        @DefaultValue List<URI> hubs,
        @DefaultValue("1s") Duration initialBackOff,
        @DefaultValue("5m") Duration maxBackOff,
        @DefaultValue("10") int maxAttempts) {
}
