package io.newswire.feed.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.newswire.events.Article;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Writes articles as an RSS 2.0 or an Atom 1.0 document, in UTF-8.
 *
 * <p>The output depends on nothing but the articles and the configuration, never on the clock, so
 * that every instance renders the same bytes for the same articles and their ETags agree.
 */
class FeedRenderer {

    static final String RSS_PATH = "/rss.xml";
    static final String ATOM_PATH = "/atom.xml";
    static final String RSS_MEDIA_TYPE = "application/rss+xml";
    static final String ATOM_MEDIA_TYPE = "application/atom+xml";

    private static final String RSS = "rss_2.0";
    private static final String ATOM = "atom_1.0";
    private static final Namespace ATOM_NS = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    // Indented for people reading with curl, but text kept exactly (Rome's pretty format trims it),
    // and every character written as UTF-8 (JDOM's default would write an emoji as a reference).
    private static final Format FORMAT = Format.getPrettyFormat()
            .setEncoding(StandardCharsets.UTF_8.name())
            .setTextMode(Format.TextMode.TRIM_FULL_WHITE)
            .setEscapeStrategy(ch -> false);

    private final FeedProperties properties;

    FeedRenderer(FeedProperties properties) {
        this.properties = properties;
    }

    /** RSS 2.0, items as given; the channel links to itself with {@code atom:link rel="self"}. */
    byte[] rss(List<Article> articles) {
        Channel channel = (Channel) feed(RSS, RSS_PATH, RSS_MEDIA_TYPE, articles).createWireFeed();
        // RSS has no self link of its own; the Atom one is what validators and WebSub hubs look for.
        Element self = new Element("link", ATOM_NS)
                .setAttribute("href", properties.selfLink(RSS_PATH))
                .setAttribute("rel", "self")
                .setAttribute("type", RSS_MEDIA_TYPE);
        List<Element> foreign = new ArrayList<>(channel.getForeignMarkup());
        foreign.add(self);
        channel.setForeignMarkup(foreign);
        Document document = jdom(channel);
        document.getRootElement().addNamespaceDeclaration(ATOM_NS);
        return write(document);
    }

    /** Atom 1.0, entries as given, with {@code link rel="self"}. */
    byte[] atom(List<Article> articles) {
        return write(jdom(feed(ATOM, ATOM_PATH, ATOM_MEDIA_TYPE, articles).createWireFeed()));
    }

    private SyndFeed feed(String type, String path, String mediaType, List<Article> articles) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        feed.setEncoding(StandardCharsets.UTF_8.name());
        feed.setTitle(XmlText.clean(properties.siteTitle()));
        feed.setLink(properties.siteLink().toString());
        feed.setDescription(XmlText.clean(properties.siteDescription()));
        feed.setLanguage(properties.language());
        feed.setUri(properties.selfLink(path));
        // The newest change, not the time of rendering: the same articles must give the same bytes.
        feed.setPublishedDate(Date.from(lastChange(articles)));
        feed.setLinks(List.of(link("alternate", properties.siteLink().toString(), "text/html"),
                link("self", properties.selfLink(path), mediaType)));
        feed.setEntries(articles.stream().map(article -> entry(article, RSS.equals(type))).toList());
        return feed;
    }

    private static SyndEntry entry(Article article, boolean rss) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setTitle(XmlText.clean(article.title()));
        entry.setLink(article.url().toString());
        // A URN, not the story URL: the URL may change, the identity may not (RSS isPermaLink="false").
        entry.setUri("urn:uuid:" + article.id());
        if (article.summary() != null) {
            entry.setDescription(content("text", article.summary()));
        }
        if (article.contentHtml() != null) {
            entry.setContents(List.of(content("html", article.contentHtml())));
        }
        entry.setPublishedDate(Date.from(article.publishedAt()));
        entry.setUpdatedDate(Date.from(Objects.requireNonNullElse(article.updatedAt(), article.publishedAt())));
        List<SyndPerson> authors = article.authors().stream().map(FeedRenderer::person).toList();
        entry.setAuthors(authors);
        if (rss) {
            // RSS has no element for a byline that is not an email address; dc:creator is the common one.
            ((DCModule) entry.getModule(DCModule.URI)).setCreators(authors.stream().map(SyndPerson::getName).toList());
        }
        entry.setCategories(article.categories().stream().map(FeedRenderer::category).toList());
        return entry;
    }

    private static Instant lastChange(List<Article> articles) {
        return articles.stream()
                .map(a -> Objects.requireNonNullElse(a.updatedAt(), a.publishedAt()))
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
    }

    private static SyndContent content(String type, String value) {
        SyndContent content = new SyndContentImpl();
        content.setType(type);
        content.setValue(XmlText.clean(value));
        return content;
    }

    private static SyndPerson person(Article.Author author) {
        SyndPerson person = new SyndPersonImpl();
        person.setName(XmlText.clean(author.name()));
        if (author.url() != null) {
            person.setUri(author.url().toString());
        }
        return person;
    }

    private static SyndCategory category(String name) {
        SyndCategory category = new SyndCategoryImpl();
        category.setName(XmlText.clean(name));
        return category;
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static Document jdom(WireFeed feed) {
        try {
            return new WireFeedOutput().outputJDom(feed);
        }
        catch (FeedException ex) {
            throw new IllegalStateException("Rome could not build a " + feed.getFeedType() + " feed", ex);
        }
    }

    private static byte[] write(Document document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new XMLOutputter(FORMAT).output(document, writer);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
