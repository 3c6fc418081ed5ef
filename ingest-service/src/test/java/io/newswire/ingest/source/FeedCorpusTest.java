package io.newswire.ingest.source;

import io.newswire.ingest.article.CanonicalUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code src/test/resources/feeds/} with what a reader of it must get. The files
 * are shaped like what each CMS really emits, quirks included.
 */
class FeedCorpusTest {

    private final FeedParser parser = new FeedParser();

    /** What one feed file must give: the count, and the first item's identity, title and date. */
    record Expected(String file, String contentType, int items, String firstKey, String firstLink, String firstTitle,
            String firstPublished) {

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                new Expected("wordpress-rss2.xml", "application/rss+xml; charset=UTF-8", 2,
                        "https://riverside-gazette.example/?p=123",
                        "https://riverside-gazette.example/2026/11/29/council-approves-new-bridge/",
                        "Council approves new bridge – work starts in spring", "2026-11-29T10:00:00Z"),
                new Expected("ghost-rss.xml", "application/rss+xml; charset=utf-8", 2,
                        "6749a1f2c3b4d5e6f7a8b9c0",
                        "https://harbourlight.example/fishing-quotas-cut-again/",
                        "Fishing quotas cut again — what it means for the harbour", "2026-11-29T08:45:00Z"),
                new Expected("blogger-atom.xml", "application/atom+xml; charset=UTF-8", 2,
                        "tag:blogger.com,1999:blog-1234567890123456789.post-9876543210987654321",
                        "https://steppenotes.blogspot.com/2026/11/first-snow-in-mountains.html",
                        "First snow in the mountains", "2026-11-29T07:30:00.003Z"),
                new Expected("medium-rss.xml", "text/xml; charset=utf-8", 2,
                        "https://medium.com/p/4f2a9c1e7b3d",
                        "https://medium.example/data-desk/how-we-mapped-every-bus-stop-4f2a9c1e7b3d?source=rss----a1b2c3d4e5f6---4",
                        "How we mapped every bus stop in the city", "2026-11-29T11:58:20Z"),
                new Expected("drupal-rss2.xml", "application/rss+xml; charset=utf-8", 3,
                        "4512 at https://valleytimes.example",
                        "https://valleytimes.example/news/2026/11/school-board-elects-new-chair",
                        "School board elects new chair", "2026-11-29T08:12:00Z"),
                new Expected("jsonfeed-1.0.json", "application/json", 2,
                        "https://nightshift.example/2026/11/29/tram-strike/",
                        "https://nightshift.example/2026/11/29/tram-strike/",
                        "Tram drivers vote to strike", "2026-11-29T05:40:00Z"),
                new Expected("jsonfeed-1.1.json", "application/feed+json", 2,
                        "cw-2026-0481",
                        "https://coastline.example/stories/sea-wall-repairs?ref=home",
                        "Sea wall repairs & what they cost", "2026-11-29T09:00:00Z"),
                new Expected("rss-0.91.xml", "text/xml", 2,
                        "http://oldtowncrier.example/stories/market-hall.html",
                        "http://oldtowncrier.example/stories/market-hall.html",
                        "Mayor opens new market hall", null),
                new Expected("rss-0.91-netscape-doctype.xml", "text/xml", 1,
                        "http://oldtowncrier.example/stories/market-hall.html",
                        "http://oldtowncrier.example/stories/market-hall.html",
                        "Mayor opens new market hall today", null),
                new Expected("rss-1.0-rdf.xml", "application/rdf+xml", 2,
                        "https://university-news.example/news/telescope-funding",
                        "https://university-news.example/news/telescope-funding",
                        "Observatory wins telescope funding", "2026-11-27T14:00:00Z"),
                new Expected("atom-xml-base.xml", "application/atom+xml", 2,
                        "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
                        "https://example.org/blog/2026/11/hello?page=2",
                        "Hello & welcome to Field Notes", "2026-11-29T05:00:00Z"),
                new Expected("windows-1251-ru.xml", "text/xml; charset=UTF-8", 2,
                        "https://gorod-novosti.example/news/2026/11/29/byudzhet.html",
                        "https://gorod-novosti.example/news/2026/11/29/byudzhet.html",
                        "Мэрия утвердила бюджет на 2027 год", "2026-11-29T10:00:00Z"),
                new Expected("utf8-bom-kk.xml", "application/rss+xml", 2,
                        "https://almaty-zhanalyktary.example/kk/news/algashky-kar",
                        "https://almaty-zhanalyktary.example/kk/news/algashky-kar",
                        "Алматыда алғашқы қар жауды", "2026-11-29T03:15:00Z"),
                new Expected("missing-guids.xml", "application/rss+xml", 2,
                        "https://bulletin.example/news/bins?id=77",
                        "https://bulletin.example/news/bins?id=77",
                        "Bin collection moves to Tuesdays", "2026-11-30T12:00:00Z"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void feedFileGivesItsExpectedItems(Expected expected) throws Exception {
        ParsedFeed feed = parser.parse(LocalFeedServer.resource(expected.file()), expected.contentType(),
                URI.create("https://feeds.example/" + expected.file()));

        assertThat(feed.items()).hasSize(expected.items());
        FeedItem first = feed.items().get(0);
        assertThat(first.key()).isEqualTo(expected.firstKey());
        assertThat(first.link()).hasToString(expected.firstLink());
        assertThat(first.title()).isEqualTo(expected.firstTitle());
        assertThat(first.published())
                .isEqualTo(expected.firstPublished() == null ? null : Instant.parse(expected.firstPublished()));
        assertThat(feed.items()).allSatisfy(item -> {
            assertThat(item.link().isAbsolute()).isTrue();
            assertThat(item.link()).isEqualTo(CanonicalUrl.canonicalize(item.link()));
            assertThat(item.title()).isNotBlank().doesNotContain("<", "&amp;", "&#");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed-truncated.xml     | application/rss+xml | malformed XML at line 9",
            "not-a-feed.html             | text/html           | not a feed: the body is an HTML page",
            "malformed.json              | application/json    | malformed JSON at line 6",
            "xml-not-a-feed.xml          | application/xml     | not a feed: the root element <sitemapindex> is neither RSS nor Atom",
            "hostile/xxe-file.xml        | application/rss+xml | refused: the feed declares a DOCTYPE",
            "hostile/billion-laughs.xml  | application/rss+xml | refused: the feed declares a DOCTYPE"})
    void brokenOrHostileFileFailsWithAMessageSayingWhy(String file, String contentType, String message) {
        FeedParseException failure = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(LocalFeedServer.resource(file), contentType, URI.create("https://feeds.example/x")));

        assertThat(failure).hasMessageStartingWith(message);
    }
}
