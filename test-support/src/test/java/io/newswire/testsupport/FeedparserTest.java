package io.newswire.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The harness reports what feedparser sees, so a feed test can trust its "not bozo". */
class FeedparserTest {

    @Test
    void wellFormedRssIsReadWithItsItems() {
        Feedparser.Result result = Feedparser.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Desk</title><link>https://news.example/</link><description>d</description>
                <item><title>Жаңалық 🌍</title><link>https://news.example/a</link><guid isPermaLink="false">urn:uuid:1</guid></item>
                </channel></rss>""".getBytes(StandardCharsets.UTF_8));

        assertThat(result.bozo()).isFalse();
        assertThat(result.version()).isEqualTo("rss20");
        assertThat(result.entries()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Жаңалық 🌍");
            assertThat(e.id()).isEqualTo("urn:uuid:1");
        });
    }

    @Test
    void brokenXmlIsFlaggedBozo() {
        Feedparser.Result result = Feedparser.parse("<rss version=\"2.0\"><channel><title>x</title><item>".getBytes(StandardCharsets.UTF_8));

        assertThat(result.bozo()).isTrue();
        assertThat(result.bozoException()).isNotBlank();
    }
}
