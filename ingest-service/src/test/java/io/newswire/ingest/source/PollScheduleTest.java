package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PollSchedule schedule = new PollSchedule(clock, Duration.ofMinutes(15), Duration.ofHours(24));

    @Test
    void healthySourceThatAsksNothingIsPolledAtTheInterval() {
        assertThat(schedule.afterSuccess(null, null)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void cacheControlMaxAgeLongerThanTheIntervalIsHonoured() {
        assertThat(schedule.afterSuccess(Duration.ofHours(1), null)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void rssTtlLongerThanTheIntervalIsHonoured() {
        assertThat(schedule.afterSuccess(null, Duration.ofMinutes(60))).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
    }

    @Test
    void theLongestOfIntervalMaxAgeAndTtlWins() {
        assertThat(schedule.afterSuccess(Duration.ofMinutes(30), Duration.ofMinutes(45)))
                .isEqualTo(NOW.plus(Duration.ofMinutes(45)));
    }

    @Test
    void shortMaxAgeOrTtlNeverMakesUsPollMoreOftenThanTheInterval() {
        assertThat(schedule.afterSuccess(Duration.ZERO, Duration.ofMinutes(1))).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void publisherHintsAreCappedAtTheMaximum() {
        assertThat(schedule.afterSuccess(Duration.ofDays(365), Duration.ofDays(30))).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @ParameterizedTest
    @CsvSource({"1, 30", "2, 60", "3, 120", "4, 240", "6, 960"})
    void consecutiveErrorsBackOffExponentially(int errors, long minutes) {
        assertThat(schedule.afterError(errors, null)).isEqualTo(NOW.plus(Duration.ofMinutes(minutes)));
    }

    @ParameterizedTest
    @CsvSource({"7", "40", "63", "64", "1000", "2147483647"})
    void backOffIsCappedAtTheMaximumWithoutOverflowing(int errors) {
        assertThat(schedule.afterError(errors, null)).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void retryAfterLongerThanTheBackOffIsHonoured() {
        assertThat(schedule.afterError(1, Duration.ofHours(2))).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void retryAfterShorterThanTheBackOffDoesNotShortenIt() {
        assertThat(schedule.afterError(2, Duration.ofSeconds(30))).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
    }

    @Test
    void retryAfterBeyondTheMaximumIsCapped() {
        assertThat(schedule.afterError(1, Duration.ofDays(400))).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void jitterOnlyEverLengthensTheDelayAndByAtMostItsFraction() {
        PollSchedule half = schedule.withJitter(0.2, fixedRandom(0.5));
        PollSchedule most = schedule.withJitter(0.2, fixedRandom(0.999_999));
        PollSchedule none = schedule.withJitter(0.2, fixedRandom(0.0));

        assertThat(half.afterSuccess(null, null)).isEqualTo(NOW.plus(Duration.ofMinutes(15)).plus(Duration.ofSeconds(90)));
        assertThat(most.afterSuccess(null, null)).isBefore(NOW.plus(Duration.ofMinutes(18)));
        assertThat(none.afterError(1, Duration.ofHours(1))).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void withoutJitterTheScheduleIsTheSameEveryTime() {
        assertThat(schedule.afterError(3, null)).isEqualTo(schedule.afterError(3, null));
    }

    @Test
    void nonsensicalSettingsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PollSchedule(clock, Duration.ZERO, Duration.ofHours(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PollSchedule(clock, Duration.ofHours(2), Duration.ofHours(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> schedule.withJitter(1.5, fixedRandom(0)));
        assertThatIllegalArgumentException().isThrownBy(() -> schedule.afterError(0, null));
    }

    private static RandomGenerator fixedRandom(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
