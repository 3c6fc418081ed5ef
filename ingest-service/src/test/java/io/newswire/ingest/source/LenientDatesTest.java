package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LenientDatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-29 10:00:00                  | 2026-11-29T10:00:00Z",
            "2026-11-29T10:00:00                  | 2026-11-29T10:00:00Z",
            "2026-11-29 10:00:00+03:00            | 2026-11-29T07:00:00Z",
            "2026-11-29 10:00:00.123456           | 2026-11-29T10:00:00.123456Z",
            "Sun, 29 Nov 2026 10:00:00            | 2026-11-29T10:00:00Z",
            "Sun, 29 Nov 2026 10:00:00 +03:00     | 2026-11-29T07:00:00Z",
            "Sunday, 29 November 2026 10:00:00 GMT| 2026-11-29T10:00:00Z",
            "Sun 29 Nov 2026 10:00:00 +0000       | 2026-11-29T10:00:00Z",
            "29 Nov 2026 10:00 GMT+3              | 2026-11-29T07:00:00Z",
            "29 Nov 2026 10:00:00 UTC-05:30       | 2026-11-29T15:30:00Z",
            "Mon, 29 Nov 2026 10:00:00 +0000      | 2026-11-29T10:00:00Z",
            "Sun, 29 Nov 2026 10:00:00 +0000 (UTC)| 2026-11-29T10:00:00Z",
            "Nov 29, 2026 10:00:00                | 2026-11-29T10:00:00Z",
            "29.11.2026 10:00                     | 2026-11-29T10:00:00Z",
            "2026/11/29 10:00:00                  | 2026-11-29T10:00:00Z",
            "29 NOV 2026                          | 2026-11-29T00:00:00Z"})
    void datesCmsWriteInsteadOfRfc822AreRead(String text, Instant expected) {
        assertThat(LenientDates.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"yesterday", "0000-00-00 00:00:00", "32 Nov 2026 10:00", "2026-13-01"})
    void textThatIsNoDateGivesNone(String text) {
        assertThat(LenientDates.parse(text)).isNull();
    }

    /** The parser tries Rome first and these rules second: every form must come out right in a feed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Sun, 29 Nov 2026 10:00:00 +0000      | 2026-11-29T10:00:00Z",
            "Sun, 29 Nov 2026 10:00:00 GMT        | 2026-11-29T10:00:00Z",
            "Sun, 29 Nov 26 10:00:00 +0000        | 2026-11-29T10:00:00Z",
            "29 Nov 2026 10:00:00 +0100           | 2026-11-29T09:00:00Z",
            "Sun, 29 Nov 2026 10:00 EST           | 2026-11-29T15:00:00Z",
            "Sun, 29 Nov 2026 10:00:00 GMT+3      | 2026-11-29T07:00:00Z",
            "Sun, 29 Nov 2026 10:00:00 +03:00     | 2026-11-29T07:00:00Z",
            "Sun, 29 Nov 2026 10:00:00            | 2026-11-29T10:00:00Z",
            "2026-11-29T10:00:00Z                 | 2026-11-29T10:00:00Z",
            "2026-11-29T10:00:00.5+02:00          | 2026-11-29T08:00:00.5Z",
            "2026-11-29T10:00:00.123456Z          | 2026-11-29T10:00:00.123456Z",
            "2026-11-29 10:00:00                  | 2026-11-29T10:00:00Z",
            "2026-11-29                           | 2026-11-29T00:00:00Z"})
    void pubDatesInAFeedAreReadWhicheverWayTheyAreWritten(String pubDate, Instant expected) throws Exception {
        String feed = """
                <rss version="2.0"><channel><title>t</title><link>https://dates.example/</link>
                <item><title>a</title><link>https://dates.example/a</link><pubDate>%s</pubDate></item>
                </channel></rss>""".formatted(pubDate);

        ParsedFeed parsed = new FeedParser().parse(feed.getBytes(StandardCharsets.UTF_8), "application/rss+xml",
                URI.create("https://dates.example/feed"));

        assertThat(parsed.items().get(0).published()).isEqualTo(expected);
    }
}
