package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static io.newswire.feed.FeedAssertions.assertReadableXml;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import io.newswire.events.Article;
import io.newswire.testsupport.Feedparser;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class FeedRendererTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-11-29T11:30:00Z");
    private static final String ID = "5f0c6c3e-1f7a-4b7e-9a55-0d1e2f3a4b5c";

    static final FeedProperties PROPERTIES = new FeedProperties("Newswire", URI.create("https://news.example/"),
            "The latest stories.", "en", 50, URI.create("https://feeds.news.example/"), Duration.ofMillis(250));
    static final List<URI> HUBS = List.of(URI.create("https://hub.example/"), URI.create("https://hub2.example/websub"));

    private final FeedRenderer renderer = new FeedRenderer(PROPERTIES, HUBS);

    private final Article article = new Article(ID, 3, URI.create("https://news.example/2026/tram-line"),
            "New tram line opens", "Trams run every six minutes.", "<p>The <b>new</b> line runs &amp; runs.</p>",
            List.of(new Article.Author("Ada Reporter", URI.create("https://news.example/ada")),
                    new Article.Author("Bo Editor", null)),
            List.of("City", "Transport"), List.of("trams"), "en", PUBLISHED, UPDATED,
            new Article.LeadImage(URI.create("https://img.news.example/tram.jpg"), "A tram at \"Raiymbek\" & co",
                    "image/jpeg", 1200, 800));

    @Test
    void rssItemCarriesTheArticle() throws Exception {
        byte[] rss = renderer.rss(List.of(article));
        assertReadableXml(rss, ID);

        SyndEntry item = parse(rss).getEntries().get(0);
        assertThat(item.getTitle()).isEqualTo("New tram line opens");
        assertThat(item.getLink()).isEqualTo("https://news.example/2026/tram-line");
        assertThat(item.getUri()).isEqualTo("urn:uuid:" + ID);
        assertThat(item.getDescription().getValue()).isEqualTo("Trams run every six minutes.");
        assertThat(item.getContents()).extracting(SyndContent::getValue)
                .containsExactly("<p>The <b>new</b> line runs &amp; runs.</p>");
        assertThat(item.getPublishedDate()).isEqualTo(Date.from(PUBLISHED));
        assertThat(item.getCategories()).extracting(SyndCategory::getName).containsExactly("City", "Transport", "trams");
        String xml = new String(rss, StandardCharsets.UTF_8);
        assertThat(xml).contains("<guid isPermaLink=\"false\">urn:uuid:" + ID + "</guid>")
                .contains("<content:encoded>")
                .contains("<dc:creator>Ada Reporter</dc:creator>", "<dc:creator>Bo Editor</dc:creator>");
    }

    @Test
    void atomEntryCarriesTheArticle() throws Exception {
        byte[] atom = renderer.atom(List.of(article));
        assertReadableXml(atom, ID);

        SyndEntry entry = parse(atom).getEntries().get(0);
        assertThat(entry.getTitle()).isEqualTo("New tram line opens");
        assertThat(entry.getLink()).isEqualTo("https://news.example/2026/tram-line");
        assertThat(entry.getUri()).isEqualTo("urn:uuid:" + ID);
        assertThat(entry.getDescription().getValue()).isEqualTo("Trams run every six minutes.");
        assertThat(entry.getContents()).singleElement().satisfies(content -> {
            assertThat(content.getType()).isEqualTo("html");
            assertThat(content.getValue()).isEqualTo("<p>The <b>new</b> line runs &amp; runs.</p>");
        });
        assertThat(entry.getPublishedDate()).isEqualTo(Date.from(PUBLISHED));
        assertThat(entry.getUpdatedDate()).isEqualTo(Date.from(UPDATED));
        assertThat(entry.getAuthors()).extracting(SyndPerson::getName).containsExactly("Ada Reporter", "Bo Editor");
        assertThat(entry.getCategories()).extracting(SyndCategory::getName).containsExactly("City", "Transport", "trams");
    }

    @Test
    void channelDescribesTheSiteAndLinksToItself() throws Exception {
        SyndFeed rss = parse(renderer.rss(List.of(article)));
        assertThat(rss.getTitle()).isEqualTo("Newswire");
        assertThat(rss.getLink()).isEqualTo("https://news.example/");
        assertThat(rss.getDescription()).isEqualTo("The latest stories.");
        assertThat(rss.getLanguage()).isEqualTo("en");
        assertThat(new String(renderer.rss(List.of(article)), StandardCharsets.UTF_8))
                .contains("<atom:link href=\"https://feeds.news.example/rss.xml\" rel=\"self\""
                        + " type=\"application/rss+xml\" />")
                .contains("<atom:link href=\"https://hub.example/\" rel=\"hub\" />")
                .contains("<atom:link href=\"https://hub2.example/websub\" rel=\"hub\" />");

        SyndFeed atom = parse(renderer.atom(List.of(article)));
        assertThat(atom.getTitle()).isEqualTo("Newswire");
        assertThat(atom.getLinks()).extracting(SyndLink::getRel, SyndLink::getHref).contains(
                tuple("self", "https://feeds.news.example/atom.xml"), tuple("alternate", "https://news.example/"));
        // The feed changed when its newest article did, whenever it is rendered.
        assertThat(atom.getPublishedDate()).isEqualTo(Date.from(UPDATED));
    }

    @Test
    void cyrillicAndEmojiSurviveInBothFormats() throws Exception {
        Article kazakh = withText("Алматыда жаңа трамвай 🚋", "Қала тұрғындары қуанышты 🎉");

        for (byte[] xml : List.of(renderer.rss(List.of(kazakh)), renderer.atom(List.of(kazakh)))) {
            assertReadableXml(xml, ID);
            SyndEntry entry = parse(xml).getEntries().get(0);
            assertThat(entry.getTitle()).isEqualTo("Алматыда жаңа трамвай 🚋");
            assertThat(entry.getDescription().getValue()).isEqualTo("Қала тұрғындары қуанышты 🎉");
            // Written as UTF-8, not as character references.
            assertThat(new String(xml, StandardCharsets.UTF_8)).contains("Алматыда жаңа трамвай 🚋");
        }
    }

    @Test
    void charactersXmlForbidsAreRemoved() throws Exception {
        Article dirty = withText("Bell\u0007 and\u0000 nul\uFFFE \uD800broken", "Form\u000Cfeed");

        for (byte[] xml : List.of(renderer.rss(List.of(dirty)), renderer.atom(List.of(dirty)))) {
            assertReadableXml(xml, ID);
            SyndEntry entry = parse(xml).getEntries().get(0);
            assertThat(entry.getTitle()).isEqualTo("Bell and nul broken");
            assertThat(entry.getDescription().getValue()).isEqualTo("Formfeed");
        }
    }

    @Test
    void sameArticlesGiveTheSameBytes() {
        assertThat(renderer.rss(List.of(article))).isEqualTo(renderer.rss(List.of(article)));
        assertThat(renderer.atom(List.of(article))).isEqualTo(renderer.atom(List.of(article)));
    }

    @Test
    void noArticlesGiveValidEmptyFeeds() throws Exception {
        assertThat(parse(renderer.rss(List.of())).getEntries()).isEmpty();
        assertThat(parse(renderer.atom(List.of())).getEntries()).isEmpty();
        assertReadableXml(renderer.rss(List.of()));
        assertReadableXml(renderer.atom(List.of()));
    }

    @Test
    void rssCarriesLeadImageAsMediaContentAndNoEnclosure() {
        String xml = new String(renderer.rss(List.of(article)), StandardCharsets.UTF_8);

        assertThat(xml).contains("xmlns:media=\"http://search.yahoo.com/mrss/\"")
                .contains("<media:content url=\"https://img.news.example/tram.jpg\" medium=\"image\""
                        + " type=\"image/jpeg\" width=\"1200\" height=\"800\">")
                .contains("<media:description type=\"plain\">A tram at \"Raiymbek\" &amp; co</media:description>")
                .doesNotContain("<enclosure");
    }

    @Test
    void rssDatesAreRfc822WithTheRightDayOfWeek() {
        Feedparser.Result parsed = assertReadableXml(renderer.rss(List.of(article)), ID);
        String xml = new String(renderer.rss(List.of(article)), StandardCharsets.UTF_8);

        // 29 November 2026 is a Sunday.
        assertThat(xml).contains("<pubDate>Sun, 29 Nov 2026 10:00:00 GMT</pubDate>")
                .contains("<lastBuildDate>Sun, 29 Nov 2026 11:30:00 GMT</lastBuildDate>")
                .contains("<language>en</language>");
        assertThat(parsed.entries().get(0).published()).isEqualTo("Sun, 29 Nov 2026 10:00:00 GMT");
    }

    @Test
    void atomHasIdDatesAuthorSummaryHtmlContentAndTheLinksRfc4287Asks() {
        Feedparser.Result parsed = assertReadableXml(renderer.atom(List.of(article)), ID);
        String xml = new String(renderer.atom(List.of(article)), StandardCharsets.UTF_8);

        assertThat(xml).contains("<published>2026-11-29T10:00:00Z</published>")
                .contains("<updated>2026-11-29T11:30:00Z</updated>")
                .contains("<content type=\"html\">")
                .contains("<summary type=\"text\">Trams run every six minutes.</summary>")
                .contains("<link rel=\"alternate\" href=\"https://news.example/2026/tram-line\" />")
                .contains("<link rel=\"hub\" href=\"https://hub.example/\" />");
        assertThat(parsed.version()).isEqualTo("atom10");
        assertThat(parsed.links()).extracting(Feedparser.Link::rel).containsOnlyOnce("self").contains("hub");
        assertThat(parsed.entries().get(0)).satisfies(entry -> {
            // feedparser keeps one of several authors as "author"; which one is its business.
            assertThat(entry.author()).isIn("Ada Reporter", "Bo Editor");
            assertThat(entry.tags()).containsExactly("City", "Transport", "trams");
            assertThat(entry.content()).isEqualTo("<p>The <b>new</b> line runs &amp; runs.</p>");
            assertThat(entry.summary()).isEqualTo("Trams run every six minutes.");
            assertThat(entry.updated()).isEqualTo("2026-11-29T11:30:00Z");
        });
    }

    @Test
    void hardCharactersSurviveEveryFormatAndMarkupIsEscaped() throws Exception {
        String title = "Қазақстан — Россия: «Новости» مرحبا بالعالم 東京 🚋 <script>alert(1)</script> & more\u0001";
        Article hard = new Article(ID, 1, article.url(), title, "Ёлка & «ёж» \u0008", "<p>Ни хао 你好 ✅</p>",
                List.of(new Article.Author("Әлия <b>Бекова</b>", null)), List.of("Қала"), List.of("日本"), "kk",
                PUBLISHED, UPDATED, null);
        String clean = title.replace("\u0001", "");

        for (byte[] xml : List.of(renderer.rss(List.of(hard)), renderer.atom(List.of(hard)))) {
            Feedparser.Entry entry = assertReadableXml(xml, ID).entries().get(0);
            assertThat(entry.title()).isEqualTo(clean);
            assertThat(entry.author()).contains("Әлия <b>Бекова</b>");
            assertThat(entry.tags()).containsExactly("Қала", "日本");
            assertThat(new String(xml, StandardCharsets.UTF_8)).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
                    .doesNotContain("<script>").contains("مرحبا بالعالم").contains("🚋");
        }
        byte[] json = new JsonFeedRenderer(PROPERTIES, HUBS).json(new FeedView(FeedScope.SITE, "Newswire", "d",
                List.of(hard), UPDATED, 1, false));
        assertThat(io.newswire.feed.FeedAssertions.assertReadableJson(json, ID).path("items").get(0).path("title")
                .asString()).isEqualTo(clean);
    }

    @Test
    void feedsAssembledFromKeptItemsAreByteForByteTheWholeRendering() {
        JsonFeedRenderer json = new JsonFeedRenderer(PROPERTIES, HUBS);
        Article bare = new Article("6a1b2c3d-0000-4000-8000-000000000001", 1, URI.create("https://news.example/bare"),
                "Bare story", null, null, List.of(), List.of(), List.of(), null, PUBLISHED.minusSeconds(60), null, null);
        Article plain = withText("Plain story", "No body, no byline");
        List<List<Article>> feeds = List.of(List.of(bare), List.of(bare, plain), List.of(article, bare),
                List.of(article, plain, bare), List.of());
        FeedScope city = new FeedScope(FeedScope.Kind.CATEGORY, "city");
        for (int round = 0; round < 2; round++) {
            // The second round assembles from the items kept by the first.
            for (List<Article> items : feeds) {
                for (FeedView view : List.of(new FeedView(FeedScope.SITE, "Newswire", "All", items, UPDATED, 1, false),
                        new FeedView(city, "Newswire: City", "City", items, UPDATED, 1, true, 0, 3),
                        new FeedView(FeedScope.SITE, "Newswire", "All", items, UPDATED, 1, false, 2, 3))) {
                    assertThat(renderer.rss(view)).isEqualTo(renderer.whole(view, FeedFormat.RSS));
                    assertThat(renderer.atom(view)).isEqualTo(renderer.whole(view, FeedFormat.ATOM));
                    assertThat(json.json(view)).isEqualTo(json.whole(view));
                }
            }
        }
        // A new version of an article is rendered anew, not taken from the kept items.
        Article renamed = new Article(ID, 4, article.url(), "Tram line renamed", article.summary(),
                article.contentHtml(), article.authors(), article.categories(), article.tags(), article.language(),
                PUBLISHED, UPDATED.plusSeconds(60), article.leadImage());
        FeedView view = new FeedView(FeedScope.SITE, "Newswire", "All", List.of(renamed, bare), UPDATED, 1, false);
        assertThat(new String(renderer.rss(view), StandardCharsets.UTF_8)).contains("Tram line renamed")
                .doesNotContain("New tram line opens");
        assertThat(renderer.rss(view)).isEqualTo(renderer.whole(view, FeedFormat.RSS));
        assertThat(json.json(view)).isEqualTo(json.whole(view));
    }

    private Article withText(String title, String summary) {
        return new Article(ID, 1, article.url(), title, summary, null, List.of(), List.of(), List.of(), "kk",
                PUBLISHED, UPDATED, null);
    }

    // A new parser each time, reading the bytes as a feed reader would.
    private static SyndFeed parse(byte[] xml) throws Exception {
        return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(xml)));
    }
}
