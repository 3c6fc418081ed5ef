package io.newswire.notify.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When digests are due: every day at the send-at time, and every week on the weekly day at that
 * time, both in the configured zone. Periods are computed in local time and then turned into
 * instants, so a day with a daylight-saving change is a 23- or 25-hour period and the digest still
 * goes out at 07:00 on the wall clock.
 */
class DigestSchedule {

    private final LocalTime sendAt;
    private final ZoneId zone;
    private final DayOfWeek weeklyDay;

    DigestSchedule(LocalTime sendAt, ZoneId zone, DayOfWeek weeklyDay) {
        this.sendAt = sendAt;
        this.zone = zone;
        this.weeklyDay = weeklyDay;
    }

    /** The latest period of this frequency that has ended at {@code now} (an end exactly at {@code now} has ended). */
    DigestPeriod due(DigestFrequency frequency, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return switch (frequency) {
            case DAILY -> {
                LocalDate end = sendAtOn(today).isAfter(now) ? today.minusDays(1) : today;
                yield new DigestPeriod(frequency, sendAtOn(end.minusDays(1)), sendAtOn(end));
            }
            case WEEKLY -> {
                LocalDate end = today.with(TemporalAdjusters.previousOrSame(weeklyDay));
                if (sendAtOn(end).isAfter(now)) {
                    end = end.minusWeeks(1);
                }
                yield new DigestPeriod(frequency, sendAtOn(end.minusWeeks(1)), sendAtOn(end));
            }
        };
    }

    /** The local date a period ends on, for the subject line. */
    LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private Instant sendAtOn(LocalDate date) {
        // A send-at time that does not exist that day (it falls in the spring-forward gap) moves
        // forward by the gap; one that exists twice (autumn) is the first of the two.
        return ZonedDateTime.of(date, sendAt, zone).toInstant();
    }
}
