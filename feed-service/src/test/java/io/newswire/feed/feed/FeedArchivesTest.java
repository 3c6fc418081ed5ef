package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedArchivesTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    private final FeedArchives archives = new FeedArchives(2);

    @Test
    void onlyFullPagesCountedFromTheOldestAreArchives() {
        // e is the newest, a the oldest: the catalog lists newest first.
        List<Article> newestFirst = List.of(article("e", 5), article("d", 4), article("c", 3), article("b", 2),
                article("a", 1));

        assertThat(archives.count(newestFirst.size())).isEqualTo(2);
        assertThat(ids(archives.page(newestFirst, 1).orElseThrow())).containsExactly("b", "a");
        assertThat(ids(archives.page(newestFirst, 2).orElseThrow())).containsExactly("d", "c");
        // e, the remainder, is newer than every full page and so in the current feed.
        assertThat(archives.page(newestFirst, 3)).isEmpty();
        assertThat(archives.page(newestFirst, 0)).isEmpty();
        assertThat(archives.page(newestFirst, -1)).isEmpty();
    }

    @Test
    void aNewArticleLeavesEveryFullPageAsItWas() {
        List<Article> before = List.of(article("d", 4), article("c", 3), article("b", 2), article("a", 1));
        List<Article> after = List.of(article("f", 6), article("e", 5), article("d", 4), article("c", 3),
                article("b", 2), article("a", 1));

        assertThat(ids(archives.page(after, 1).orElseThrow())).isEqualTo(ids(archives.page(before, 1).orElseThrow()));
        assertThat(ids(archives.page(after, 2).orElseThrow())).isEqualTo(ids(archives.page(before, 2).orElseThrow()));
        assertThat(ids(archives.page(after, 3).orElseThrow())).containsExactly("f", "e");
    }

    @Test
    void fewerArticlesThanAPageMakeNoArchive() {
        assertThat(archives.count(1)).isZero();
        assertThat(archives.page(List.of(article("a", 1)), 1)).isEmpty();
        assertThat(archives.page(List.of(), 1)).isEmpty();
    }

    @Test
    void archivesAreServedUnderTheirNumber() {
        assertThat(FeedArchives.path(3, FeedFormat.ATOM)).isEqualTo("/archive/3/atom.xml");
        assertThat(FeedArchives.path(1, FeedFormat.RSS)).isEqualTo("/archive/1/rss.xml");
        assertThat(FeedArchives.archived(FeedFormat.JSON)).isFalse();
    }

    private static List<String> ids(List<Article> articles) {
        return articles.stream().map(Article::id).toList();
    }

    private static Article article(String id, int minutes) {
        Instant published = NOON.plusSeconds(60L * minutes);
        return new Article(id, 1, URI.create("https://news.example/" + id), "Story " + id, null, "<p>" + id + "</p>",
                List.of(), List.of(), List.of(), "en", published, published, null);
    }
}
