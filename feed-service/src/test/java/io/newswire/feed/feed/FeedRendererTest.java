package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import io.newswire.events.Article;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class FeedRendererTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-11-29T11:30:00Z");
    private static final String ID = "5f0c6c3e-1f7a-4b7e-9a55-0d1e2f3a4b5c";

    private final FeedRenderer renderer = new FeedRenderer(new FeedProperties("Newswire",
            URI.create("https://news.example/"), "The latest stories.", "en", 50, URI.create("https://feeds.news.example/")));

    private final Article article = new Article(ID, 3, URI.create("https://news.example/2026/tram-line"),
            "New tram line opens", "Trams run every six minutes.", "<p>The <b>new</b> line runs &amp; runs.</p>",
            List.of(new Article.Author("Ada Reporter", URI.create("https://news.example/ada")),
                    new Article.Author("Bo Editor", null)),
            List.of("City", "Transport"), List.of("trams"), "en", PUBLISHED, UPDATED, null);

    @Test
    void rssItemCarriesTheArticle() throws Exception {
        byte[] rss = renderer.rss(List.of(article));

        SyndEntry item = parse(rss).getEntries().get(0);
        assertThat(item.getTitle()).isEqualTo("New tram line opens");
        assertThat(item.getLink()).isEqualTo("https://news.example/2026/tram-line");
        assertThat(item.getUri()).isEqualTo("urn:uuid:" + ID);
        assertThat(item.getDescription().getValue()).isEqualTo("Trams run every six minutes.");
        assertThat(item.getContents()).extracting(SyndContent::getValue)
                .containsExactly("<p>The <b>new</b> line runs &amp; runs.</p>");
        assertThat(item.getPublishedDate()).isEqualTo(Date.from(PUBLISHED));
        assertThat(item.getCategories()).extracting(SyndCategory::getName).containsExactly("City", "Transport");
        String xml = new String(rss, StandardCharsets.UTF_8);
        assertThat(xml).contains("<guid isPermaLink=\"false\">urn:uuid:" + ID + "</guid>")
                .contains("<content:encoded>")
                .contains("<dc:creator>Ada Reporter</dc:creator>", "<dc:creator>Bo Editor</dc:creator>");
    }

    @Test
    void atomEntryCarriesTheArticle() throws Exception {
        byte[] atom = renderer.atom(List.of(article));

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
        assertThat(entry.getCategories()).extracting(SyndCategory::getName).containsExactly("City", "Transport");
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
                        + " type=\"application/rss+xml\" />");

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
