package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An account's token bucket, on a clock the test moves. */
class PostRateTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aBurstGoesAtOnceThenPostsAreSpacedByTheRate() {
        PostRate rate = new PostRate(new SocialProperties.RateLimit(30, 3), now::get);

        assertThat(rate.reserve()).isZero();
        assertThat(rate.reserve()).isZero();
        assertThat(rate.reserve()).isZero();
        assertThat(rate.reserve()).as("30 a minute: one every 2 s").isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(rate.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(4));

        now.addAndGet(TimeUnit.MINUTES.toNanos(5));
        assertThat(rate.reserve()).as("a quiet spell refills to the burst, no more").isZero();
        assertThat(rate.reserve()).isZero();
        assertThat(rate.reserve()).isZero();
        assertThat(rate.reserve()).isPositive();
    }

    @Test
    void zeroPostsPerMinuteMeansNoLimit() {
        PostRate rate = new PostRate(new SocialProperties.RateLimit(0, 1), now::get);

        for (int i = 0; i < 100; i++) {
            assertThat(rate.reserve()).isZero();
        }
    }
}
