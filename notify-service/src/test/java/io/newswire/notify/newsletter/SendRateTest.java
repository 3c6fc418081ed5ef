package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SendRate rate = new SendRate(10, now::get);

    @Test
    void permitsAskedForTogetherAreDueOneTenthOfASecondApart() {
        assertThat(millis(rate.reserve())).isEqualTo(100);
        assertThat(millis(rate.reserve())).isEqualTo(200);
        assertThat(millis(rate.reserve())).isEqualTo(300);
    }

    @Test
    void aQuietSpellSavesUpOneSecondsWorthAtMost() {
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));

        for (int i = 0; i < 10; i++) {
            assertThat(rate.reserve()).isZero();
        }
        assertThat(millis(rate.reserve())).isEqualTo(100);
    }

    @Test
    void steadyCallersAtTheRateNeverWait() {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        for (int i = 0; i < 50; i++) {
            assertThat(rate.reserve()).isZero();
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1_000_000.0);
    }
}
