package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.feed.article.ArticleCatalog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedFeedsTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    private final ArticleCatalog catalog = new ArticleCatalog();
    private final FeedRenderer renderer = new FeedRenderer(new FeedProperties("Newswire",
            URI.create("https://news.example/"), "The latest stories.", "en", 2, URI.create("https://news.example")));
    private final RenderedFeeds feeds = new RenderedFeeds(catalog, renderer, 2);

    @Test
    void servesTheSameRenditionUntilTheCatalogChanges() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", NOON));
        FeedDocument rss = feeds.rss();
        FeedDocument atom = feeds.atom();

        assertThat(feeds.rss()).isSameAs(rss);
        assertThat(feeds.atom()).isSameAs(atom);

        catalog.apply(ArticleEventType.PUBLISHED, article("b", NOON.plusSeconds(60)));

        assertThat(feeds.rss()).isNotSameAs(rss);
        assertThat(feeds.rss().etag()).isNotEqualTo(rss.etag());
        assertThat(feeds.atom().etag()).isNotEqualTo(atom.etag());
    }

    @Test
    void etagIsAStrongValidatorOfTheBytes() {
        FeedDocument rss = feeds.rss();

        assertThat(rss.etag()).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(FeedDocument.of(rss.bytes().clone()).etag()).isEqualTo(rss.etag());
    }

    @Test
    void listsOnlyTheNewestConfiguredNumberOfArticles() {
        catalog.apply(ArticleEventType.PUBLISHED, article("oldest", NOON.minusSeconds(120)));
        catalog.apply(ArticleEventType.PUBLISHED, article("middle", NOON.minusSeconds(60)));
        catalog.apply(ArticleEventType.PUBLISHED, article("newest", NOON));

        String rss = new String(feeds.rss().bytes(), StandardCharsets.UTF_8);

        assertThat(rss).contains("urn:uuid:newest", "urn:uuid:middle").doesNotContain("urn:uuid:oldest");
    }

    private static Article article(String id, Instant publishedAt) {
        return new Article(id, 1, URI.create("https://news.example/" + id), "Story " + id, null, null, List.of(),
                List.of(), List.of(), "en", publishedAt, publishedAt, null);
    }
}
