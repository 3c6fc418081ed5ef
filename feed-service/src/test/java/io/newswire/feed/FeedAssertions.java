package io.newswire.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.testsupport.Feedparser;
import io.newswire.testsupport.JsonFeedClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every feed a test produces must pass: read by a real feed reader's parser without
 * complaint, with every item the test expects, in order.
 */
public final class FeedAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FeedAssertions() {
    }

    /** An RSS or Atom feed that Python's feedparser reads without "bozo", listing exactly {@code ids}. */
    public static Feedparser.Result assertReadableXml(byte[] feed, String... ids) {
        Feedparser.Result result = Feedparser.parse(feed);
        assertThat(result.bozo()).as("feedparser complaint: %s", result.bozoException()).isFalse();
        assertThat(result.entries()).extracting(Feedparser.Entry::id)
                .containsExactlyElementsOf(Arrays.stream(ids).map(id -> "urn:uuid:" + id).toList());
        return result;
    }

    /** A feed that feedparser reads without "bozo", listing at least {@code ids}; for feeds other tests also fill. */
    public static Feedparser.Result assertReadableXmlListing(byte[] feed, String... ids) {
        Feedparser.Result result = Feedparser.parse(feed);
        assertThat(result.bozo()).as("feedparser complaint: %s", result.bozoException()).isFalse();
        assertThat(result.entries()).extracting(Feedparser.Entry::id)
                .contains(Arrays.stream(ids).map(id -> "urn:uuid:" + id).toArray(String[]::new));
        return result;
    }

    /**
     * A JSON Feed 1.1 that has what the specification requires, listing exactly {@code ids}, and that
     * feedsmith (a JSON Feed client outside the JVM) reads to the same items. Not feedparser:
     * Debian's feedparser 6.0 predates its JSON Feed support and flags every JSON document as bozo.
     */
    public static JsonNode assertReadableJson(byte[] feed, String... ids) {
        JsonNode json = JSON.readTree(feed);
        assertThat(json.path("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(json.path("title").asString()).isNotBlank();
        assertThat(json.path("feed_url").asString()).startsWith("http");
        List<String> seen = new ArrayList<>();
        for (JsonNode item : json.path("items")) {
            seen.add(item.path("id").asString());
            assertThat(item.has("content_html") || item.has("content_text")).as("content of %s", item).isTrue();
            assertThat(item.path("url").asString()).startsWith("http");
            // RFC 3339, which OffsetDateTime reads.
            OffsetDateTime.parse(item.path("date_published").asString());
            OffsetDateTime.parse(item.path("date_modified").asString());
        }
        assertThat(seen).containsExactlyElementsOf(Arrays.stream(ids).map(id -> "urn:uuid:" + id).toList());
        // And a real JSON Feed client outside the JVM reads the same bytes to the same items.
        JsonFeedClient.Result client = JsonFeedClient.parse(feed);
        assertThat(client.feedUrl()).isEqualTo(json.path("feed_url").asString());
        assertThat(client.items()).extracting(JsonFeedClient.Item::id).containsExactlyElementsOf(seen);
        return json;
    }
}
