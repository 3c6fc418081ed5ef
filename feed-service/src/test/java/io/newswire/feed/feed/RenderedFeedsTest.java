package io.newswire.feed.feed;

import static io.newswire.feed.FeedAssertions.assertReadableJson;
import static io.newswire.feed.FeedAssertions.assertReadableXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.feed.article.ArticleCatalog;
import io.newswire.testsupport.Feedparser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RenderedFeedsTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");
    private static final FeedScope CITY = new FeedScope(FeedScope.Kind.CATEGORY, "city");
    private static final FeedScope TRAMS = new FeedScope(FeedScope.Kind.TAG, "trams");
    private static final FeedScope ADA = new FeedScope(FeedScope.Kind.AUTHOR, "ada-reporter");

    private final ArticleCatalog catalog = new ArticleCatalog();
    private final FeedProperties properties = new FeedProperties("Newswire", URI.create("https://news.example/"),
            "The latest stories.", "en", 2, URI.create("https://feeds.news.example"), Duration.ofMillis(250));
    private final RenderedFeeds feeds = new RenderedFeeds(catalog, properties,
            new FeedRenderer(properties, FeedRendererTest.HUBS), new JsonFeedRenderer(properties, FeedRendererTest.HUBS),
            new FeedIndexRenderer(properties));

    @Test
    void servesTheSameRenditionUntilTheCatalogChanges() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", NOON, "City"));
        FeedDocument rss = feeds.rss();
        FeedDocument json = feeds.feed(CITY, FeedFormat.JSON, 1).orElseThrow();

        assertThat(feeds.rss()).isSameAs(rss);
        assertThat(feeds.feed(CITY, FeedFormat.JSON, 1)).containsSame(json);

        catalog.apply(ArticleEventType.PUBLISHED, article("b", NOON.plusSeconds(60), "City"));

        assertThat(feeds.rss().etag()).isNotEqualTo(rss.etag());
        assertThat(feeds.feed(CITY, FeedFormat.JSON, 1).orElseThrow().etag()).isNotEqualTo(json.etag());
    }

    @Test
    void etagChangesExactlyWhenTheBytesOfThatFeedDo() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", NOON, "City"));
        FeedDocument city = feeds.feed(CITY, FeedFormat.ATOM, 1).orElseThrow();
        FeedDocument site = feeds.atom();

        // A new story in another category changes the site's feed, not the City one.
        catalog.apply(ArticleEventType.PUBLISHED, article("b", NOON.plusSeconds(60), "Sport"));

        assertThat(feeds.feed(CITY, FeedFormat.ATOM, 1).orElseThrow().etag()).isEqualTo(city.etag());
        assertThat(feeds.atom().etag()).isNotEqualTo(site.etag());
        assertThat(FeedDocument.of(site.bytes().clone()).etag()).isEqualTo(site.etag());
        assertThat(site.etag()).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(site.gzipEtag()).isNotEqualTo(site.etag());
    }

    @Test
    void everyKindOfFeedListsItsArticlesInEveryFormat() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", NOON, "City"));
        catalog.apply(ArticleEventType.PUBLISHED, article("b", NOON.minusSeconds(60), "Sport"));

        for (FeedScope scope : List.of(CITY, TRAMS, ADA)) {
            List<String> expected = scope == CITY ? List.of("a") : List.of("a", "b");
            String[] ids = expected.toArray(String[]::new);
            String rss = text(assertXml(scope, FeedFormat.RSS, ids));
            String atom = text(assertXml(scope, FeedFormat.ATOM, ids));
            JsonNode json = assertReadableJson(feeds.feed(scope, FeedFormat.JSON, 1).orElseThrow().bytes(), ids);

            String self = "https://feeds.news.example" + scope.path(FeedFormat.RSS);
            assertThat(rss).contains("<atom:link href=\"" + self + "\" rel=\"self\"");
            assertThat(atom).contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://feeds.news.example"
                    + scope.path(FeedFormat.ATOM) + "\" />");
            assertThat(json.path("feed_url").asString()).isEqualTo("https://feeds.news.example"
                    + scope.path(FeedFormat.JSON));
        }
        assertThat(text(feeds.feed(CITY, FeedFormat.RSS, 1).orElseThrow().bytes())).contains("<title>Newswire: City</title>");
        assertThat(text(feeds.feed(TRAMS, FeedFormat.RSS, 1).orElseThrow().bytes())).contains("<title>Newswire: #trams</title>");
        assertThat(text(feeds.feed(ADA, FeedFormat.RSS, 1).orElseThrow().bytes()))
                .contains("<title>Newswire: Ada Reporter</title>");
    }

    @Test
    void feedOfANameNoArticleHasDoesNotExist() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", NOON, "City"));

        assertThat(feeds.feed(new FeedScope(FeedScope.Kind.CATEGORY, "nowhere"), FeedFormat.RSS, 1)).isEmpty();

        catalog.apply(ArticleEventType.RETRACTED, article("a", NOON, "City", 2));
        assertThat(feeds.feed(CITY, FeedFormat.RSS, 1)).isEmpty();
        assertThat(feeds.feed(FeedScope.SITE, FeedFormat.RSS, 1)).isPresent();
    }

    @Test
    void listsOnlyTheNewestConfiguredNumberOfArticlesAndJsonFeedPagesOnward() {
        catalog.apply(ArticleEventType.PUBLISHED, article("oldest", NOON.minusSeconds(120), "City"));
        catalog.apply(ArticleEventType.PUBLISHED, article("middle", NOON.minusSeconds(60), "City"));
        catalog.apply(ArticleEventType.PUBLISHED, article("newest", NOON, "City"));

        assertReadableXml(feeds.rss().bytes(), "newest", "middle");
        assertReadableXml(feeds.atom().bytes(), "newest", "middle");
        JsonNode first = assertReadableJson(feeds.feed(FeedScope.SITE, FeedFormat.JSON, 1).orElseThrow().bytes(),
                "newest", "middle");
        assertThat(first.path("next_url").asString()).isEqualTo("https://feeds.news.example/feed.json?page=2");
        JsonNode second = assertReadableJson(feeds.feed(FeedScope.SITE, FeedFormat.JSON, 2).orElseThrow().bytes(),
                "oldest");
        assertThat(second.has("next_url")).isFalse();
        assertThat(feeds.feed(FeedScope.SITE, FeedFormat.JSON, 3)).isEmpty();
        assertThat(feeds.feed(FeedScope.SITE, FeedFormat.RSS, 2)).isEmpty();
    }

    @Test
    void lastModifiedIsTheNewestChangeInTheFeedOrALaterRetraction() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", NOON, "City"));
        catalog.apply(ArticleEventType.PUBLISHED, article("b", NOON.minusSeconds(600), "City"));
        assertThat(feeds.rss().lastModified()).isEqualTo(NOON.plusSeconds(1));

        Article retraction = new Article("a", 2, null, null, null, null, null, null, null, null, null,
                NOON.plusSeconds(3600), null);
        catalog.apply(ArticleEventType.RETRACTED, retraction);

        // The feed lost its newest item then; a Last-Modified falling back to b's would hide that.
        assertThat(feeds.rss().lastModified()).isEqualTo(NOON.plusSeconds(3600));
    }

    @Test
    void currentFeedsLinkToTheNewestFullArchivePageAndArchivesToTheirNeighbours() {
        // Max items is 2: a to e, oldest first, fill archive 1 with a and b and archive 2 with c and d.
        for (String id : List.of("a", "b", "c", "d", "e")) {
            catalog.apply(ArticleEventType.PUBLISHED, article(id, NOON.plusSeconds(60L * (id.charAt(0) - 'a')), "City"));
        }
        String base = "https://feeds.news.example";

        assertThat(text(feeds.rss().bytes()))
                .contains("<atom:link href=\"" + base + "/archive/2/rss.xml\" rel=\"prev-archive\"")
                .doesNotContain("fh:archive", "next-archive");
        assertThat(text(feeds.atom().bytes()))
                .contains("<link rel=\"prev-archive\" type=\"application/atom+xml\" href=\"" + base
                        + "/archive/2/atom.xml\" />")
                .doesNotContain("fh:archive");
        // JSON Feed pages with next_url; category feeds are archived in the site's archives.
        assertThat(text(feeds.feed(FeedScope.SITE, FeedFormat.JSON, 1).orElseThrow().bytes())).doesNotContain("archive");
        assertThat(text(feeds.feed(CITY, FeedFormat.RSS, 1).orElseThrow().bytes())).doesNotContain("prev-archive");

        byte[] oldest = feeds.archive(1, FeedFormat.RSS).orElseThrow().bytes();
        assertReadableXml(oldest, "b", "a");
        String oldestRss = text(oldest);
        assertThat(oldestRss).contains("xmlns:fh=\"http://purl.org/syndication/history/1.0\"", "<fh:archive />")
                .contains("<atom:link href=\"" + base + "/archive/1/rss.xml\" rel=\"self\"")
                .contains("<atom:link href=\"" + base + "/rss.xml\" rel=\"current\"")
                .contains("<atom:link href=\"" + base + "/archive/2/rss.xml\" rel=\"next-archive\"")
                .doesNotContain("prev-archive", "rel=\"hub\"");
        assertThat(oldestRss.indexOf("<fh:archive />")).isBetween(oldestRss.indexOf("<channel>"),
                oldestRss.indexOf("</channel>"));

        byte[] newestAtom = feeds.archive(2, FeedFormat.ATOM).orElseThrow().bytes();
        Feedparser.Result parsed = assertReadableXml(newestAtom, "d", "c");
        assertThat(parsed.links()).extracting(Feedparser.Link::rel, Feedparser.Link::href).contains(
                tuple("self", base + "/archive/2/atom.xml"), tuple("current", base + "/atom.xml"),
                tuple("prev-archive", base + "/archive/1/atom.xml"));
        assertThat(text(newestAtom)).contains("<fh:archive />", "xmlns:fh=\"http://purl.org/syndication/history/1.0\"")
                .doesNotContain("next-archive", "rel=\"hub\"")
                // The archive is a document of the site's feed, so it has that feed's id.
                .contains("<id>" + base + "/atom.xml</id>");
        assertReadableXml(feeds.archive(2, FeedFormat.RSS).orElseThrow().bytes(), "d", "c");
        assertReadableXml(feeds.archive(1, FeedFormat.ATOM).orElseThrow().bytes(), "b", "a");

        assertThat(feeds.archive(3, FeedFormat.RSS)).isEmpty();
        assertThat(feeds.archive(0, FeedFormat.ATOM)).isEmpty();
        assertThat(feeds.archive(1, FeedFormat.JSON)).isEmpty();
    }

    @Test
    void retractedArticleLeavesTheArchives() {
        for (String id : List.of("a", "b", "c", "d", "e")) {
            catalog.apply(ArticleEventType.PUBLISHED, article(id, NOON.plusSeconds(60L * (id.charAt(0) - 'a')), "City"));
        }
        FeedDocument before = feeds.archive(1, FeedFormat.ATOM).orElseThrow();
        assertThat(feeds.archive(1, FeedFormat.ATOM)).containsSame(before);

        catalog.apply(ArticleEventType.RETRACTED, article("b", NOON.plusSeconds(60), "City", 2));

        // Later positions shift down: c joins a on the oldest page, and e moves into archive 2.
        assertReadableXml(feeds.archive(1, FeedFormat.ATOM).orElseThrow().bytes(), "c", "a");
        assertReadableXml(feeds.archive(2, FeedFormat.RSS).orElseThrow().bytes(), "e", "d");
        assertThat(feeds.archive(1, FeedFormat.ATOM).orElseThrow().etag()).isNotEqualTo(before.etag());
    }

    @Test
    void indexAndOpmlListEveryFeed() {
        catalog.apply(ArticleEventType.PUBLISHED, article("a", NOON, "Қала & <Town>"));

        String html = text(feeds.index().bytes());
        String opml = text(feeds.opml().bytes());

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Newswire (RSS 2.0)\""
                        + " href=\"https://feeds.news.example/rss.xml\">")
                .contains("<link rel=\"alternate\" type=\"application/feed+json\"")
                .contains("Қала &amp; &lt;Town&gt;")
                .contains("href=\"https://feeds.news.example/categories/%D2%9B%D0%B0%D0%BB%D0%B0-town/atom.xml\"")
                .contains("/tags/trams/feed.json", "/authors/ada-reporter/rss.xml")
                .doesNotContain("<Town>");
        assertThat(opml).contains("<opml version=\"2.0\">")
                .contains("xmlUrl=\"https://feeds.news.example/categories/%D2%9B%D0%B0%D0%BB%D0%B0-town/rss.xml\"")
                .contains("text=\"Қала &amp; &lt;Town&gt; (RSS 2.0)\"");
        // 4 scopes (site, category, tag, author) in 3 formats.
        assertThat(opml.split("xmlUrl=", -1)).hasSize(13);
    }

    private byte[] assertXml(FeedScope scope, FeedFormat format, String... ids) {
        byte[] bytes = feeds.feed(scope, format, 1).orElseThrow().bytes();
        assertReadableXml(bytes, ids);
        return bytes;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Article article(String id, Instant publishedAt, String category) {
        return article(id, publishedAt, category, 1);
    }

    private static Article article(String id, Instant publishedAt, String category, long version) {
        return new Article(id, version, URI.create("https://news.example/" + id), "Story " + id, "Summary " + id,
                "<p>Body " + id + "</p>", List.of(new Article.Author("Ada Reporter", null)), List.of(category),
                List.of("trams"), "en", publishedAt, publishedAt.plusSeconds(version), null);
    }
}
