package io.newswire.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON Feed client reports what feedsmith reads, and refuses what is not a JSON Feed. */
class JsonFeedClientTest {

    @Test
    void jsonFeedIsReadWithItsItems() {
        JsonFeedClient.Result result = JsonFeedClient.parse("""
                {"version": "https://jsonfeed.org/version/1.1", "title": "Desk", "feed_url": "https://news.example/feed.json",
                 "items": [{"id": "urn:uuid:1", "url": "https://news.example/a", "title": "Жаңалық 🌍", "content_html": "<p>x</p>"}]}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(result.feedUrl()).isEqualTo("https://news.example/feed.json");
        assertThat(result.items()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("urn:uuid:1");
            assertThat(item.title()).isEqualTo("Жаңалық 🌍");
        });
    }

    @Test
    void documentThatIsNoJsonFeedIsRefused() {
        assertThatThrownBy(() -> JsonFeedClient.parse("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not recognised as a JSON Feed");
    }
}
