package io.newswire.ingest.source;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP headers that tell a poller how often it may come back (RFC 9110, RFC 9111). */
final class CachingHeaders {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    // RFC 9110 asks recipients to accept the two obsolete forms as well. Day names are dropped
    // before parsing: a server that gets one wrong still means the date.
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'GMT'", Locale.US),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.US),
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.US));
    private static final Pattern DAY_NAME = Pattern.compile("^[A-Za-z]+,?\\s+");

    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?");

    private CachingHeaders() {
    }

    /** Retry-After as delta-seconds or an HTTP-date, as a delay from {@code now}; never negative. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,10}")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        Instant at = httpDate(trimmed);
        if (at == null) {
            return null;
        }
        Duration delay = Duration.between(now, at);
        return delay.isNegative() ? Duration.ZERO : delay;
    }

    /** The max-age directive of Cache-Control, or {@code null}. */
    static Duration maxAge(String cacheControl) {
        if (cacheControl == null) {
            return null;
        }
        Matcher maxAge = MAX_AGE.matcher(cacheControl);
        return maxAge.find() ? Duration.ofSeconds(Long.parseLong(maxAge.group(1))) : null;
    }

    static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String date = DAY_NAME.matcher(value.strip()).replaceFirst("");
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return LocalDateTime.parse(date, format).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeException ex) {
                // try the next form
            }
        }
        return null;
    }

    static String formatHttpDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }
}
