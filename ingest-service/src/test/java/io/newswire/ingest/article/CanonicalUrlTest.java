package io.newswire.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalUrlTest {

    @Test
    void trackingParametersAreDroppedAndTheOthersKeptInOrder() {
        URI url = URI.create("https://news.example/a?utm_source=rss&id=7&fbclid=IwAR0&UTM_Medium=x&page=2"
                + "&gclid=abc&mc_cid=1&mc_eid=2&utm_campaign=c");

        assertThat(CanonicalUrl.canonicalize(url)).hasToString("https://news.example/a?id=7&page=2");
    }

    @Test
    void queryOfOnlyTrackingParametersDisappearsWithItsQuestionMark() {
        assertThat(CanonicalUrl.canonicalize(URI.create("https://news.example/a/?utm_source=rss&utm_medium=rss")))
                .hasToString("https://news.example/a/");
    }

    @Test
    void fragmentIsDropped() {
        assertThat(CanonicalUrl.canonicalize(URI.create("https://news.example/a#comments")))
                .hasToString("https://news.example/a");
    }

    @Test
    void schemeAndHostAreLowerCasedButThePathIsLeftAsWritten() {
        assertThat(CanonicalUrl.canonicalize(URI.create("HTTPS://News.Example/Politics/Vote")))
                .hasToString("https://news.example/Politics/Vote");
    }

    @ParameterizedTest
    @CsvSource({
            "http://news.example:80/a,    http://news.example/a",
            "https://news.example:443/a,  https://news.example/a",
            "https://news.example:8443/a, https://news.example:8443/a",
            "http://news.example:443/a,   http://news.example:443/a"})
    void defaultPortsAreDroppedAndOthersKept(String input, String expected) {
        assertThat(CanonicalUrl.canonicalize(URI.create(input))).hasToString(expected);
    }

    @Test
    void emptyPathBecomesSlash() {
        assertThat(CanonicalUrl.canonicalize(URI.create("https://news.example"))).hasToString("https://news.example/");
        assertThat(CanonicalUrl.canonicalize(URI.create("https://news.example?p=1"))).hasToString("https://news.example/?p=1");
    }

    @Test
    void dotSegmentsAreResolved() {
        assertThat(CanonicalUrl.canonicalize(URI.create("https://news.example/a/./b/../c")))
                .hasToString("https://news.example/a/c");
    }

    @Test
    void escapesAreWrittenOneWaySoTheSameArticleGetsTheSameKey() {
        URI escapedLowerCase = URI.create("https://news.example/%d0%b0%d0%b1");
        URI unescaped = URI.create("https://news.example/аб");

        assertThat(CanonicalUrl.canonicalize(escapedLowerCase))
                .isEqualTo(CanonicalUrl.canonicalize(unescaped))
                .hasToString("https://news.example/%D0%B0%D0%B1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tag:blogger.com,1999:blog-1.post-2", "mailto:desk@news.example", "/relative/path?utm_source=x"})
    void relativeAndOpaqueUrisAreReturnedUnchanged(String input) {
        assertThat(CanonicalUrl.canonicalize(URI.create(input))).hasToString(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HTTPS://News.Example:443/a/../b?utm_source=x&id=1#top",
            "https://news.example/?p=123",
            "http://user@news.example:8080/x?a=1&&b=2"})
    void canonicalizingTwiceChangesNothingMore(String input) {
        URI once = CanonicalUrl.canonicalize(URI.create(input));

        assertThat(CanonicalUrl.canonicalize(once)).isEqualTo(once);
    }
}
