package io.newswire.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignupLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SignupLimiter limiter = new SignupLimiter(
            new SubscriptionProperties.SignupLimit(10, Duration.ofMinutes(10), 3), now::get);

    @Test
    void tenSignupsAtOnceThenOneAMinute() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryTake("198.51.100.7")).as("signup %d", i + 1).isEmpty();
        }
        assertThat(limiter.tryTake("198.51.100.7")).hasValue(60);

        now.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(limiter.tryTake("198.51.100.7")).hasValue(15);
        now.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(limiter.tryTake("198.51.100.7")).isEmpty();
        assertThat(limiter.tryTake("198.51.100.7")).isPresent();
    }

    @Test
    void eachClientHasItsOwnBucket() {
        for (int i = 0; i < 10; i++) {
            limiter.tryTake("198.51.100.7");
        }

        assertThat(limiter.tryTake("198.51.100.7")).isPresent();
        assertThat(limiter.tryTake("198.51.100.8")).isEmpty();
    }

    @Test
    void anIpv6NetworkIsOneClient() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryTake("2001:db8:1:2::" + Integer.toHexString(i + 1))).isEmpty();
        }

        assertThat(limiter.tryTake("2001:db8:1:2:ffff:ffff:ffff:ffff")).isPresent();
        assertThat(limiter.tryTake("2001:db8:1:3::1")).isEmpty();
        assertThat(SignupLimiter.clientKey("[2001:db8:1:2::1]")).isEqualTo(SignupLimiter.clientKey("2001:db8:1:2::2"));
        assertThat(SignupLimiter.clientKey("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeenClient() {
        for (int i = 0; i < 10; i++) {
            limiter.tryTake("192.0.2.1");
        }
        limiter.tryTake("192.0.2.2");
        limiter.tryTake("192.0.2.3");
        limiter.tryTake("192.0.2.4");

        assertThat(limiter.trackedClients()).isEqualTo(3);
        assertThat(limiter.tryTake("192.0.2.1")).as("forgotten, so a full bucket again").isEmpty();
    }
}
