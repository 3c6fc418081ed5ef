package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.feed.article.ArticleCatalog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FeedChangeWatchTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    private final ArticleCatalog catalog = new ArticleCatalog();
    private final FeedProperties properties = new FeedProperties("Newswire", URI.create("https://news.example/"),
            "The latest stories.", "en", 10, URI.create("https://feeds.news.example"), Duration.ofMillis(250));
    private final RenderedFeeds feeds = new RenderedFeeds(catalog, properties, new FeedRenderer(properties),
            new JsonFeedRenderer(properties, List.of()), new FeedIndexRenderer(properties));
    private final List<Collection<URI>> announced = new ArrayList<>();
    private final FeedChangeWatch watch = new FeedChangeWatch(feeds, () -> Stream.of(announced::add));

    @Test
    void replayBeforeCatchingUpAnnouncesNothing() {
        for (int i = 0; i < 20; i++) {
            catalog.apply(ArticleEventType.PUBLISHED, article("a" + i, "City"));
            watch.check();
        }

        watch.caughtUp();

        assertThat(announced).isEmpty();
    }

    @Test
    void changesAfterCatchingUpAreAnnouncedOncePerBatchWithTheSelfUrlsOfChangedFeedsOnly() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", "City"));
        watch.caughtUp();

        catalog.apply(ArticleEventType.PUBLISHED, article("b", "Sport"));
        catalog.apply(ArticleEventType.PUBLISHED, article("c", "Sport"));
        watch.check();
        watch.check();

        assertThat(announced).singleElement().satisfies(urls -> assertThat(urls).containsExactlyInAnyOrder(
                URI.create("https://feeds.news.example/rss.xml"), URI.create("https://feeds.news.example/atom.xml"),
                URI.create("https://feeds.news.example/feed.json"),
                URI.create("https://feeds.news.example/categories/sport/rss.xml"),
                URI.create("https://feeds.news.example/categories/sport/atom.xml"),
                URI.create("https://feeds.news.example/categories/sport/feed.json"),
                URI.create("https://feeds.news.example/tags/news/rss.xml"),
                URI.create("https://feeds.news.example/tags/news/atom.xml"),
                URI.create("https://feeds.news.example/tags/news/feed.json")));
    }

    @Test
    void feedThatDisappearsIsAnnouncedToo() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", "City"));
        catalog.apply(ArticleEventType.PUBLISHED, article("b", "Sport"));
        watch.caughtUp();

        catalog.apply(ArticleEventType.RETRACTED, new Article("b", 2, null, null, null, null, null, null, null, null,
                null, NOON.plusSeconds(60), null));
        watch.check();

        assertThat(announced).singleElement().satisfies(urls -> assertThat(urls)
                .contains(URI.create("https://feeds.news.example/categories/sport/rss.xml"))
                .doesNotContain(URI.create("https://feeds.news.example/categories/city/rss.xml")));
    }

    @Test
    void noAdapterAndAFailingAdapterAreBothFine() {
        List<Collection<URI>> heard = new ArrayList<>();
        FeedChanges failing = urls -> {
            throw new IllegalStateException("hub down");
        };
        FeedChangeWatch none = new FeedChangeWatch(feeds, Stream::empty);
        FeedChangeWatch two = new FeedChangeWatch(feeds, () -> Stream.of(failing, heard::add));
        none.caughtUp();
        two.caughtUp();

        catalog.apply(ArticleEventType.PUBLISHED, article("a", "City"));
        none.check();
        two.check();

        assertThat(heard).hasSize(1);
    }

    private static Article article(String id, String category) {
        return new Article(id, 1, URI.create("https://news.example/" + id), "Story " + id, null, "<p>" + id + "</p>",
                List.of(), List.of(category), List.of("news"), "en", NOON, NOON, null);
    }
}
