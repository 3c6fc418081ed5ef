package io.newswire.notify.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {

    private static final LocalTime SEVEN = LocalTime.of(7, 0);

    private final DigestSchedule utc = new DigestSchedule(SEVEN, ZoneId.of("UTC"), DayOfWeek.MONDAY);

    @Test
    void dailyDigestCoversTheDayUpToTheMostRecentSendAt() {
        DigestPeriod period = utc.due(DigestFrequency.DAILY, Instant.parse("2026-11-29T15:20:00Z"));

        assertThat(period.start()).isEqualTo("2026-11-28T07:00:00Z");
        assertThat(period.end()).isEqualTo("2026-11-29T07:00:00Z");
        assertThat(period.id()).isEqualTo("daily/2026-11-29T07:00:00Z");
    }

    @Test
    void sendAtItselfIsDueAndTheMomentBeforeIsStillTheDayBefore() {
        assertThat(utc.due(DigestFrequency.DAILY, Instant.parse("2026-11-29T07:00:00Z")).end())
                .isEqualTo("2026-11-29T07:00:00Z");
        assertThat(utc.due(DigestFrequency.DAILY, Instant.parse("2026-11-29T06:59:59.999Z")).end())
                .isEqualTo("2026-11-28T07:00:00Z");
    }

    @Test
    void sendAtIsLocalTimeInTheConfiguredZone() {
        DigestSchedule tokyo = new DigestSchedule(SEVEN, ZoneId.of("Asia/Tokyo"), DayOfWeek.MONDAY);

        // 07:30 on 29 November in Tokyo is still 28 November in UTC.
        DigestPeriod period = tokyo.due(DigestFrequency.DAILY, Instant.parse("2026-11-28T22:30:00Z"));

        assertThat(period.end()).isEqualTo("2026-11-28T22:00:00Z");
        assertThat(period.start()).isEqualTo("2026-11-27T22:00:00Z");
        assertThat(period.id()).isEqualTo("daily/2026-11-28T22:00:00Z");
        assertThat(tokyo.localDate(period.end())).isEqualTo("2026-11-29");
    }

    @Test
    void dayWhenTheClocksGoForwardIsTwentyThreeHoursAndStillEndsAtSevenOnTheWallClock() {
        DigestSchedule london = new DigestSchedule(SEVEN, ZoneId.of("Europe/London"), DayOfWeek.MONDAY);

        DigestPeriod period = london.due(DigestFrequency.DAILY, Instant.parse("2026-03-29T12:00:00Z"));

        assertThat(period.start()).isEqualTo("2026-03-28T07:00:00Z");
        assertThat(period.end()).as("07:00 BST").isEqualTo("2026-03-29T06:00:00Z");
        assertThat(Duration.between(period.start(), period.end())).isEqualTo(Duration.ofHours(23));
        // The next day's period starts exactly where this one ended: no story falls between two digests.
        assertThat(london.due(DigestFrequency.DAILY, Instant.parse("2026-03-30T06:00:00Z")).start()).isEqualTo(period.end());
    }

    @Test
    void dayWhenTheClocksGoBackIsTwentyFiveHours() {
        DigestSchedule london = new DigestSchedule(SEVEN, ZoneId.of("Europe/London"), DayOfWeek.MONDAY);

        DigestPeriod period = london.due(DigestFrequency.DAILY, Instant.parse("2026-10-25T07:00:00Z"));

        assertThat(period.start()).as("07:00 BST").isEqualTo("2026-10-24T06:00:00Z");
        assertThat(period.end()).as("07:00 GMT").isEqualTo("2026-10-25T07:00:00Z");
        assertThat(Duration.between(period.start(), period.end())).isEqualTo(Duration.ofHours(25));
        assertThat(london.due(DigestFrequency.DAILY, Instant.parse("2026-10-25T06:59:00Z")).end())
                .isEqualTo("2026-10-24T06:00:00Z");
    }

    @Test
    void sendAtThatDoesNotExistOnTheDayTheClocksGoForwardMovesPastTheGap() {
        // 02:30 does not exist in New York on 8 March 2026: the clocks go from 02:00 to 03:00.
        DigestSchedule newYork = new DigestSchedule(LocalTime.of(2, 30), ZoneId.of("America/New_York"), DayOfWeek.MONDAY);

        assertThat(newYork.due(DigestFrequency.DAILY, Instant.parse("2026-03-08T07:29:00Z")).end())
                .as("03:29 EDT: not yet").isEqualTo("2026-03-07T07:30:00Z");
        DigestPeriod period = newYork.due(DigestFrequency.DAILY, Instant.parse("2026-03-08T07:30:00Z"));
        assertThat(period.end()).as("03:30 EDT").isEqualTo("2026-03-08T07:30:00Z");
        assertThat(period.start()).as("02:30 EST the day before").isEqualTo("2026-03-07T07:30:00Z");
    }

    @Test
    void weeklyDigestCoversTheWeekUpToTheMostRecentWeeklyDay() {
        // Sunday 29 November: the latest Monday 07:00 is the 23rd.
        DigestPeriod period = utc.due(DigestFrequency.WEEKLY, Instant.parse("2026-11-29T12:00:00Z"));

        assertThat(period.start()).isEqualTo("2026-11-16T07:00:00Z");
        assertThat(period.end()).isEqualTo("2026-11-23T07:00:00Z");
        assertThat(period.id()).isEqualTo("weekly/2026-11-23T07:00:00Z");
    }

    @Test
    void weeklyDayItselfBeforeAndAtSendAt() {
        assertThat(utc.due(DigestFrequency.WEEKLY, Instant.parse("2026-11-30T06:59:59Z")).end())
                .isEqualTo("2026-11-23T07:00:00Z");
        assertThat(utc.due(DigestFrequency.WEEKLY, Instant.parse("2026-11-30T07:00:00Z")).end())
                .isEqualTo("2026-11-30T07:00:00Z");
    }

    @Test
    void weeklyDayIsConfigurable() {
        DigestSchedule fridays = new DigestSchedule(SEVEN, ZoneId.of("UTC"), DayOfWeek.FRIDAY);

        DigestPeriod period = fridays.due(DigestFrequency.WEEKLY, Instant.parse("2026-11-29T12:00:00Z"));

        assertThat(period.end()).isEqualTo("2026-11-27T07:00:00Z");
        assertThat(period.start()).isEqualTo("2026-11-20T07:00:00Z");
    }

    @Test
    void weekWithTheClockChangeIsAnHourShort() {
        DigestSchedule london = new DigestSchedule(SEVEN, ZoneId.of("Europe/London"), DayOfWeek.MONDAY);

        DigestPeriod period = london.due(DigestFrequency.WEEKLY, Instant.parse("2026-03-30T06:00:00Z"));

        assertThat(period.start()).isEqualTo("2026-03-23T07:00:00Z");
        assertThat(period.end()).isEqualTo("2026-03-30T06:00:00Z");
        assertThat(Duration.between(period.start(), period.end())).isEqualTo(Duration.ofDays(7).minusHours(1));
    }
}
