package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void wordPressItemKeepsItsBodyAuthorAndCategoriesAndDropsCampaignParameters() throws Exception {
        FeedItem item = parse("wordpress-rss2.xml", "application/rss+xml").items().get(0);

        assertThat(item.authors()).containsExactly("Maria Lopez");
        assertThat(item.categories()).containsExactly("Local", "Infrastructure");
        assertThat(item.summary()).startsWith("The council voted 7–2 on Thursday").doesNotContain("<p>");
        assertThat(item.contentHtml()).contains("<figure class=\"wp-block-image size-large\">");
        assertThat(item.link().getQuery()).isNull();
    }

    @Test
    void ghostMediaContentBecomesTheImageAndTheChannelTtlIsRead() throws Exception {
        ParsedFeed feed = parse("ghost-rss.xml", "application/rss+xml");

        assertThat(feed.ttl()).isEqualTo(Duration.ofMinutes(60));
        assertThat(feed.items().get(0).imageUrl())
                .hasToString("https://harbourlight.example/content/images/2026/11/boats.jpg");
        assertThat(feed.items().get(1).imageUrl()).isNull();
    }

    @Test
    void bloggerThumbnailIsTheImageAndEntriesGetTheirOwnUpdatedTime() throws Exception {
        ParsedFeed feed = parse("blogger-atom.xml", "application/atom+xml");
        FeedItem item = feed.items().get(0);

        assertThat(feed.title()).isEqualTo("Steppe Notes");
        assertThat(feed.link()).hasToString("https://steppenotes.blogspot.com/");
        assertThat(item.imageUrl()).hasToString("https://blogger.googleusercontent.com/img/b/R29vZ2xl/s72-c/snow.jpg");
        assertThat(item.updated()).isEqualTo(Instant.parse("2026-11-29T08:02:33.001Z"));
        assertThat(item.authors()).containsExactly("Aigerim S.");
        assertThat(item.categories()).containsExactly("Travel", "Almaty");
        assertThat(item.contentHtml()).startsWith("<div class=\"separator\">");
    }

    @Test
    void mediumItemWithoutDescriptionHasNoSummaryButItsBody() throws Exception {
        FeedItem item = parse("medium-rss.xml", "application/rss+xml").items().get(0);

        assertThat(item.summary()).isNull();
        assertThat(item.contentHtml()).startsWith("<figure>");
        assertThat(item.categories()).containsExactly("data-journalism", "maps", "public-transport");
        assertThat(item.updated()).isEqualTo(Instant.parse("2026-11-29T12:01:44.102Z"));
    }

    @Test
    void drupalRelativeLinksResolveAgainstXmlBaseAndOddDatesAreRead() throws Exception {
        ParsedFeed feed = parse("drupal-rss2.xml", "application/rss+xml");

        assertThat(feed.items()).extracting(item -> item.link().toString()).containsExactly(
                "https://valleytimes.example/news/2026/11/school-board-elects-new-chair",
                "https://valleytimes.example/news/2026/11/road-works-main-street",
                "https://valleytimes.example/news/2026/11/farmers-market-moves-indoors");
        assertThat(feed.items()).extracting(FeedItem::published).containsExactly(
                Instant.parse("2026-11-29T08:12:00Z"),
                Instant.parse("2026-11-28T16:45:00Z"),
                Instant.parse("2026-11-27T15:00:00Z"));
        assertThat(feed.items().get(2).title()).isEqualTo("Farmers' market moves indoors");
    }

    @Test
    void atomLinksResolveAgainstTheXmlBaseOfFeedAndOfEntry() throws Exception {
        ParsedFeed feed = parse("atom-xml-base.xml", "application/atom+xml");

        assertThat(feed.link()).hasToString("https://example.org/blog/");
        assertThat(feed.items().get(0).link()).hasToString("https://example.org/blog/2026/11/hello?page=2");
        assertThat(feed.items().get(0).imageUrl()).hasToString("https://example.org/media/hello.png");
        assertThat(feed.items().get(1).link()).hasToString("https://example.org/archive/old-post");
    }

    @Test
    void atomHtmlAndXhtmlTitlesBecomePlainTextWhileTextSummariesStayAsWritten() throws Exception {
        ParsedFeed feed = parse("atom-xml-base.xml", "application/atom+xml");

        assertThat(feed.title()).isEqualTo("Field & Notes");
        assertThat(feed.items().get(0).title()).isEqualTo("Hello & welcome to Field Notes");
        assertThat(feed.items().get(1).title()).isEqualTo("An old post");
        assertThat(feed.items().get(0).summary()).isEqualTo("A first post <not markup>.");
    }

    @Test
    void atomEntryWithoutAuthorHasTheFeedsAuthorAndOneWithoutPublishedKeepsOnlyUpdated() throws Exception {
        ParsedFeed feed = parse("atom-xml-base.xml", "application/atom+xml");

        assertThat(feed.items().get(0).authors()).containsExactly("Field Notes Editors");
        assertThat(feed.items().get(1).authors()).containsExactly("Ann Archivist");
        assertThat(feed.items().get(1).published()).isNull();
        assertThat(feed.items().get(1).updated()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
    }

    @Test
    void itemsWithoutGuidAreKeyedByTheirCanonicalLinkAndItemsWithoutAnyLinkAreLeftOut() throws Exception {
        ParsedFeed feed = parse("missing-guids.xml", "application/rss+xml");

        assertThat(feed.items()).extracting(FeedItem::key).containsExactly(
                "https://bulletin.example/news/bins?id=77",
                "https://bulletin.example/news/park-consultation");
    }

    @Test
    void relativeLinkWithoutXmlBaseResolvesAgainstTheChannelLink() throws Exception {
        FeedItem item = parse("missing-guids.xml", "application/rss+xml").items().get(1);

        assertThat(item.link()).hasToString("https://bulletin.example/news/park-consultation");
        assertThat(item.published()).isEqualTo(Instant.parse("2026-11-29T17:00:00Z"));
    }

    @Test
    void relativeLinkWithNeitherXmlBaseNorChannelLinkResolvesAgainstTheFeedUrl() throws Exception {
        String feed = """
                <rss version="2.0"><channel><title>t</title>
                <item><title>a</title><link>stories/a.html</link></item>
                </channel></rss>""";

        FeedItem item = parser.parse(feed.getBytes(StandardCharsets.UTF_8), null,
                URI.create("https://feeds.example/news/rss.xml")).items().get(0);

        assertThat(item.link()).hasToString("https://feeds.example/news/stories/a.html");
    }

    @Test
    void windows1251DeclaredInThePrologWinsOverAWrongCharsetInTheHeader() throws Exception {
        FeedItem item = parse("windows-1251-ru.xml", "text/xml; charset=UTF-8").items().get(0);

        assertThat(item.title()).isEqualTo("Мэрия утвердила бюджет на 2027 год");
        assertThat(item.summary()).isEqualTo("Депутаты приняли бюджет «в первом чтении».");
        assertThat(item.authors()).containsExactly("Иван Петров");
        assertThat(item.categories()).containsExactly("Политика");
    }

    @Test
    void charsetFromTheHeaderIsUsedWhenThePrologNamesNone() throws Exception {
        String feed = """
                <?xml version="1.0"?>
                <rss version="2.0"><channel><title>Новости</title><link>https://ru.example/</link>
                <item><title>Снег</title><link>https://ru.example/sneg</link></item></channel></rss>""";

        ParsedFeed parsed = parser.parse(feed.getBytes(Charset.forName("KOI8-R")), "application/rss+xml; charset=KOI8-R",
                URI.create("https://ru.example/rss"));

        assertThat(parsed.title()).isEqualTo("Новости");
        assertThat(parsed.items().get(0).title()).isEqualTo("Снег");
    }

    @Test
    void byteOrderMarkIsSkippedAndKazakhLettersSurvive() throws Exception {
        ParsedFeed feed = parse("utf8-bom-kk.xml", "application/rss+xml");

        assertThat(feed.title()).isEqualTo("Алматы жаңалықтары");
        assertThat(feed.items().get(1).title()).isEqualTo("Көктөбеге жаңа аспалы жол");
        assertThat(feed.items().get(0).categories()).containsExactly("Ауа райы");
    }

    @Test
    void jsonFeed10HasASingleAuthorAndAnUntitledItemGetsATitleFromItsText() throws Exception {
        ParsedFeed feed = parse("jsonfeed-1.0.json", "application/json");
        FeedItem untitled = feed.items().get(1);

        assertThat(feed.title()).isEqualTo("Night Shift");
        assertThat(feed.items().get(0).authors()).containsExactly("Priya Natarajan");
        assertThat(feed.items().get(0).imageUrl()).hasToString("https://nightshift.example/media/tram.jpg");
        assertThat(feed.items().get(0).updated()).isEqualTo(Instant.parse("2026-11-29T06:05:00Z"));
        assertThat(untitled.key()).isEqualTo("4711");
        assertThat(untitled.link()).hasToString("https://nightshift.example/2026/11/28/late-buses/");
        assertThat(untitled.title()).startsWith("Night buses will run every 20 minutes").endsWith("…")
                .hasSizeLessThanOrEqualTo(81);
    }

    @Test
    void jsonFeed11HasAnAuthorsArrayAndItemsWithoutAuthorsHaveTheFeeds() throws Exception {
        ParsedFeed feed = parse("jsonfeed-1.1.json", "application/feed+json");

        assertThat(feed.items().get(0).authors()).containsExactly("Owen Price", "Ruth Evans");
        assertThat(feed.items().get(0).categories()).containsExactly("coast", "council");
        assertThat(feed.items().get(0).imageUrl()).hasToString("https://coastline.example/img/sea-wall-wide.jpg");
        assertThat(feed.items().get(1).authors()).containsExactly("Coastline Newsroom");
        assertThat(feed.items().get(1).contentHtml()).isNull();
    }

    @Test
    void jsonFeedIsRecognisedByItsBodyWhateverTheContentType() throws Exception {
        ParsedFeed feed = parser.parse(LocalFeedServer.resource("jsonfeed-1.1.json"), "text/plain",
                URI.create("https://coastline.example/feed.json"));

        assertThat(feed.items()).hasSize(2);
    }

    @Test
    void jsonThatIsNotAFeedIsRefused() {
        byte[] json = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

        FeedParseException failure = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(json, "application/json", URI.create("https://x.example/")));

        assertThat(failure).hasMessage("not a JSON Feed: it has no \"items\" array");
    }

    @Test
    void rssAuthorWrittenAsEmailWithNameGivesTheName() throws Exception {
        String feed = """
                <rss version="2.0"><channel><title>t</title><link>https://a.example/</link>
                <item><title>a</title><link>https://a.example/a</link><author>jane@a.example (Jane Doe)</author></item>
                </channel></rss>""";

        FeedItem item = inline(feed).items().get(0);

        assertThat(item.authors()).containsExactly("Jane Doe");
    }

    @Test
    void htmlEntitiesThatXmlDoesNotDeclareAreTolerated() throws Exception {
        String feed = """
                <rss version="2.0"><channel><title>Caf&eacute; &amp; Bar</title><link>https://a.example/</link>
                <item><title>Open&nbsp;late &ndash; again</title><link>https://a.example/a</link></item>
                </channel></rss>""";

        ParsedFeed parsed = inline(feed);

        assertThat(parsed.title()).isEqualTo("Café & Bar");
        assertThat(parsed.items().get(0).title()).isEqualTo("Open late – again");
    }

    @Test
    void permalinkGuidStandsInForAMissingLink() throws Exception {
        String feed = """
                <rss version="2.0"><channel><title>t</title><link>https://a.example/</link>
                <item><title>a</title><guid>https://a.example/posts/1?utm_source=rss</guid></item>
                </channel></rss>""";

        FeedItem item = inline(feed).items().get(0);

        assertThat(item.key()).isEqualTo("https://a.example/posts/1?utm_source=rss");
        assertThat(item.link()).hasToString("https://a.example/posts/1");
    }

    @Test
    void linksWithSpacesAreEscapedRatherThanLost() throws Exception {
        String feed = """
                <rss version="2.0"><channel><title>t</title><link>https://a.example/</link>
                <item><title>a</title><link>https://a.example/news/two words|and a pipe</link></item>
                </channel></rss>""";

        FeedItem item = inline(feed).items().get(0);

        assertThat(item.link()).hasToString("https://a.example/news/two%20words%7Cand%20a%20pipe");
    }

    @Test
    void linksAndImagesThatAreNotHttpAreNeverUsed() throws Exception {
        String feed = """
                <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>
                <link>https://a.example/</link>
                <item><title>script</title><link>javascript:alert(1)</link><guid>js-1</guid>
                  <media:content url="javascript:alert(2)" medium="image"/></item>
                <item><title>data</title><link>https://a.example/ok</link>
                  <enclosure url="data:image/png;base64,AAAA" type="image/png" length="4"/></item>
                </channel></rss>""";

        ParsedFeed parsed = inline(feed);

        assertThat(parsed.items()).extracting(FeedItem::title).containsExactly("data");
        assertThat(parsed.items().get(0).imageUrl()).isNull();
    }

    @Test
    void emptyBodyIsNotAFeed() {
        FeedParseException failure = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '\n'}, "application/rss+xml",
                        URI.create("https://a.example/rss")));

        assertThat(failure).hasMessage("empty body: no feed to read");
    }

    private ParsedFeed inline(String feed) throws FeedParseException {
        return parser.parse(feed.getBytes(StandardCharsets.UTF_8), null, URI.create("https://a.example/rss"));
    }

    private ParsedFeed parse(String file, String contentType) throws FeedParseException {
        return parser.parse(LocalFeedServer.resource(file), contentType, URI.create("https://feeds.example/" + file));
    }
}
