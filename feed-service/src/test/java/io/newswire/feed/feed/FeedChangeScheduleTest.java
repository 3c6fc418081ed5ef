package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.feed.article.ArticleCatalog;
import io.newswire.feed.article.ArticleTopicReplayed;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Feed changes are reported only once the replay of the article topic at start is over. */
class FeedChangeScheduleTest {

    private final FeedProperties properties = new FeedProperties("Newswire", URI.create("https://news.example/"),
            "The latest stories.", "en", 10, URI.create("https://feeds.news.example"), Duration.ofMillis(250));
    private final ArticleCatalog catalog = new ArticleCatalog();
    private final FeedChangeWatch watch = new FeedChangeWatch(new RenderedFeeds(catalog, properties,
            new FeedRenderer(properties), new JsonFeedRenderer(properties, List.of()), new FeedIndexRenderer(properties)),
            Stream::empty);
    private final FeedChangeSchedule schedule = new FeedChangeSchedule(watch, Duration.ofSeconds(1));

    @Test
    void theEndOfTheReplayTurnsReportingOn() {
        assertThat(watch.isCaughtUp()).isFalse();

        schedule.on(new ArticleTopicReplayed(100_000, Duration.ofSeconds(4)));

        assertThat(watch.isCaughtUp()).isTrue();
    }
}
