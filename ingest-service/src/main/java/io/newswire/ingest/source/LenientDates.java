package io.newswire.ingest.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates real feeds write when they do not write RFC 822 or RFC 3339: SQL-style
 * timestamps, missing or misspelt day names, {@code GMT+3}, full month names, no zone at all.
 * A date without a zone is taken as UTC, which is what most CMSs that omit it store.
 */
final class LenientDates {

    private static final Pattern COMMENT = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
    private static final Pattern DAY_NAME =
            Pattern.compile("^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s*(?=\\d)");
    private static final Pattern NAMED_OFFSET =
            Pattern.compile("(?i)\\s*\\b(?:GMT|UTC|UT)\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?$");
    private static final Pattern ZERO_ZONE = Pattern.compile("(?i)\\s*\\b(?:GMT|UTC|UT|Z)$");

    // Zone suffix tried in order: +03:00 / Z, +0300, +03, then a zone name such as EST or MSK.
    private static final String ZONE = "[ ][XXX][XX][X][z]";

    private static final List<DateTimeFormatter> FORMATS = List.of(
            format("d MMM uuuu H:mm[:ss]" + ZONE),
            format("d MMMM uuuu H:mm[:ss]" + ZONE),
            format("d MMM uu H:mm[:ss]" + ZONE),
            format("MMM d[,] uuuu H:mm[:ss]" + ZONE),
            format("MMMM d[,] uuuu H:mm[:ss]" + ZONE),
            format("uuuu-M-d['T'][ ]H:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]" + ZONE),
            format("uuuu/M/d H:mm[:ss]" + ZONE),
            format("d.M.uuuu H:mm[:ss]" + ZONE),
            format("d MMM uuuu"),
            format("d MMMM uuuu"),
            format("MMM d[,] uuuu"),
            format("MMMM d[,] uuuu"),
            format("uuuu-M-d"),
            format("uuuu/M/d"),
            format("d.M.uuuu"));

    private LenientDates() {
    }

    /** The instant the text names, or {@code null} when it is not a date this class knows. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String date = text.strip().replaceAll("\\s+", " ");
        Instant iso = iso(date);
        if (iso != null) {
            return iso;
        }
        date = COMMENT.matcher(date).replaceFirst("");
        date = DAY_NAME.matcher(date).replaceFirst("");
        Matcher offset = NAMED_OFFSET.matcher(date);
        if (offset.find()) {
            String minutes = offset.group(3) == null ? "00" : offset.group(3);
            date = date.substring(0, offset.start()) + " " + offset.group(1)
                    + String.format(Locale.ROOT, "%02d", Integer.parseInt(offset.group(2))) + ":" + minutes;
        }
        else {
            date = ZERO_ZONE.matcher(date).replaceFirst(" +00:00");
        }
        for (DateTimeFormatter format : FORMATS) {
            Instant instant = tryParse(format, date);
            if (instant != null) {
                return instant;
            }
        }
        return null;
    }

    private static Instant iso(String date) {
        try {
            return OffsetDateTime.parse(date).toInstant();
        }
        catch (DateTimeException ex) {
            return null;
        }
    }

    private static Instant tryParse(DateTimeFormatter format, String date) {
        try {
            TemporalAccessor parsed = format.parseBest(date, ZonedDateTime::from, OffsetDateTime::from,
                    LocalDateTime::from, LocalDate::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return zoned.toInstant();
            }
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            if (parsed instanceof LocalDateTime local) {
                return local.toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        catch (DateTimeException ex) {
            return null;
        }
    }

    private static DateTimeFormatter format(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }
}
