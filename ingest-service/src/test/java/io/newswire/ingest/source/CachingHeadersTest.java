package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CachingHeadersTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void retryAfterInDeltaSecondsIsThatManySeconds() {
        assertThat(CachingHeaders.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(CachingHeaders.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
        assertThat(CachingHeaders.retryAfter("Sun, 29 Nov 2026 12:10:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sunday, 29-Nov-26 12:10:00 GMT", "Sun Nov 29 12:10:00 2026", "Mon, 29 Nov 2026 12:10:00 GMT"})
    void retryAfterAcceptsTheObsoleteDateFormsAndAWrongDayName(String value) {
        assertThat(CachingHeaders.retryAfter(value, NOW)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void retryAfterInThePastMeansNow() {
        assertThat(CachingHeaders.retryAfter("Sun, 29 Nov 2026 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "99999999999"})
    void retryAfterThatMeansNothingIsIgnored(String value) {
        assertThat(CachingHeaders.retryAfter(value, NOW)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "max-age=600                                  | PT10M",
            "public, max-age=900, must-revalidate          | PT15M",
            "s-maxage=3600, max-age=60                     | PT1M",
            "private,MAX-AGE=\"120\"                       | PT2M"})
    void maxAgeIsReadFromCacheControl(String header, Duration expected) {
        assertThat(CachingHeaders.maxAge(header)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"no-cache", "s-maxage=3600", "max-age=abc"})
    void cacheControlWithoutMaxAgeGivesNone(String header) {
        assertThat(CachingHeaders.maxAge(header)).isNull();
    }

    @Test
    void httpDatesAreWrittenInImfFixdateWithATwoDigitDay() {
        assertThat(CachingHeaders.formatHttpDate(Instant.parse("2026-11-01T08:05:09Z")))
                .isEqualTo("Sun, 01 Nov 2026 08:05:09 GMT");
    }
}
