package io.newswire.notify.digest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Daily and weekly digests: when they go out, and how the sending is paced and retried.
 *
 * @param enabled     whether this instance ticks at all (tests switch it off and tick by hand)
 * @param sendAt      local time of day every digest goes out
 * @param zone        the time zone {@code sendAt} and the weekly day are in, e.g. {@code Asia/Almaty}
 * @param weeklyDay   the day weekly digests go out
 * @param tick        how often an instance checks for a due digest and for deliveries to retry; also
 *                    the first wait before a deferred delivery is retried (doubling after each attempt)
 * @param maxStories  stories listed in one digest; the rest are counted in an "and N more" line
 * @param lease       how long an instance holds a run it is sending without renewing it (it renews
 *                    after every page); another instance takes over a run whose lease ran out
 * @param maxAttempts attempts at one delivery the recipient's server keeps deferring, before it is
 *                    given up as failed
 */
@ConfigurationProperties("newswire.digest")
record DigestProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("07:00") LocalTime sendAt,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("MONDAY") DayOfWeek weeklyDay,
        @DefaultValue("30s") Duration tick,
        @DefaultValue("50") int maxStories,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("8") int maxAttempts) {

    DigestProperties {
        Assert.isTrue(tick.toMillis() > 0, "newswire.digest.tick must be positive");
        Assert.isTrue(maxStories > 0, "newswire.digest.max-stories must be positive");
        Assert.isTrue(lease.toSeconds() >= 10, "newswire.digest.lease must be at least 10s");
        Assert.isTrue(maxAttempts > 0, "newswire.digest.max-attempts must be positive");
    }
}
