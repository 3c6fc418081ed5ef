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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdom2.Comment;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Writes a {@link FeedView} as an RSS 2.0 or an Atom 1.0 document, in UTF-8.
 *
 * <p>The site's current feeds link to their newest RFC 5005 archive page with {@code prev-archive};
 * an archive page links to its neighbours, to the current feed with {@code current}, and says it is
 * an archive with {@code fh:archive} (see {@link FeedArchives}).
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
    private static final Namespace DC_NS = Namespace.getNamespace("dc", "http://purl.org/dc/elements/1.1/");
    private static final Namespace MEDIA_NS = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");
    private static final Namespace FH_NS = Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");
    // Indented for people reading with curl, but text kept exactly (Rome's pretty format trims it),
    // and every character written as UTF-8 (JDOM's default would write an emoji as a reference).
    private static final Format FORMAT = Format.getPrettyFormat()
            .setEncoding(StandardCharsets.UTF_8.name())
            .setTextMode(Format.TextMode.TRIM_FULL_WHITE)
            .setEscapeStrategy(ch -> false);

    // A comment that marks where items go; no item text can contain it, since text is escaped.
    private static final String MARKER = "newswire-items";
    // Items kept per format, in feeds' worth: the first pages of a hundred feeds, a few MB.
    static final int ITEMS_KEPT_PER_FEED = 100;

    private final FeedProperties properties;
    private final List<URI> hubs;
    private final RenderedItems<Piece> rssItems;
    private final RenderedItems<Piece> atomItems;
    // Learnt at the first assembly rather than at construction, so that start-up renders nothing.
    private volatile List<Namespace> rssNamespaces;
    private volatile List<Namespace> atomNamespaces;

    FeedRenderer(FeedProperties properties) {
        this(properties, List.of());
    }

    /** {@code hubs}: the WebSub hubs every feed advertises with {@code rel="hub"}. */
    FeedRenderer(FeedProperties properties, List<URI> hubs) {
        this.properties = properties;
        this.hubs = List.copyOf(hubs);
        this.rssItems = new RenderedItems<>(ITEMS_KEPT_PER_FEED * properties.maxItems());
        this.atomItems = new RenderedItems<>(ITEMS_KEPT_PER_FEED * properties.maxItems());
    }

    /** The whole site's RSS feed of {@code articles}, as given. */
    byte[] rss(List<Article> articles) {
        return rss(siteView(articles));
    }

    /** The whole site's Atom feed of {@code articles}, as given. */
    byte[] atom(List<Article> articles) {
        return atom(siteView(articles));
    }

    /**
     * RSS 2.0. The channel links to itself and to each hub with {@code atom:link}; each item's lead
     * image is a {@code media:content}. Assembled from pieces: see {@link #assembled}.
     */
    byte[] rss(FeedView view) {
        return assembled(view, FeedFormat.RSS);
    }

    /**
     * Atom 1.0, with {@code link rel="self"}, one {@code rel="hub"} per hub and the site as author.
     * Assembled from pieces: see {@link #assembled}.
     */
    byte[] atom(FeedView view) {
        return assembled(view, FeedFormat.ATOM);
    }

    /**
     * {@code view} in {@code format} as Rome writes it in one piece, every item included: the bytes
     * {@link #rss(FeedView)} and {@link #atom(FeedView)} assemble, which they must equal.
     */
    byte[] whole(FeedView view, FeedFormat format) {
        return write(document(view, format, view.items(), false).document());
    }

    /**
     * The document of {@code view}, assembled from the items' pieces and the feed's own elements.
     *
     * <p>Rendering a feed whole with Rome (a {@code SyndFeed}, its conversion to a wire feed, a JDOM
     * document, its output) costs time in proportion to its items, and a busy feed changes with every
     * story: at each change every item was rendered again although only one was new. So each item is
     * rendered once per article version (by Rome, in a document of its own, and cut out of it), and
     * kept in {@link RenderedItems}; a feed renders with Rome only its own elements, around one
     * placeholder item, which is then replaced by the kept pieces. The bytes are the same as
     * {@link #whole}'s: items are indented alike at the same depth; and the namespace declarations
     * Rome keeps on the root element are those something in the document uses, so the root declares
     * those the feed's own elements or any item uses, in Rome's order.
     */
    private byte[] assembled(FeedView view, FeedFormat format) {
        if (view.items().isEmpty()) {
            return whole(view, format);
        }
        RenderedItems<Piece> cache = format == FeedFormat.RSS ? rssItems : atomItems;
        List<Piece> pieces = new ArrayList<>(view.items().size());
        Set<Namespace> used = new HashSet<>();
        for (Article article : view.items()) {
            Piece piece = cache.piece(article, a -> piece(a, format));
            pieces.add(piece);
            used.addAll(piece.namespaces());
        }
        Generated skeleton = document(view, format, List.of(), true);
        used.addAll(skeleton.romeNamespaces());
        Element root = skeleton.document().getRootElement();
        List<Namespace> order = romeOrder(format);
        if (!order.containsAll(used)) {
            // An item uses a namespace the probe did not show; Rome knows where it goes.
            return whole(view, format);
        }
        List<Namespace> declared = List.copyOf(root.getAdditionalNamespaces());
        declared.forEach(root::removeNamespaceDeclaration);
        order.stream().filter(used::contains).forEach(root::addNamespaceDeclaration);
        // Then this renderer's own (atom, media, fh), after Rome's as in a whole document.
        declared.forEach(root::addNamespaceDeclaration);
        Element placeholder = itemElements(skeleton.document(), format).get(0);
        Element parent = placeholder.getParentElement();
        parent.setContent(parent.indexOf(placeholder), new Comment(MARKER));
        String text = new XMLOutputter(FORMAT).outputString(skeleton.document());
        String marker = "<!--" + MARKER + "-->";
        int at = text.indexOf(marker);
        // What precedes the placeholder is a line break and the indent of an item at its depth.
        int before = text.lastIndexOf('>', at) + 1;
        byte[] indent = text.substring(before, at).getBytes(StandardCharsets.UTF_8);
        int size = text.length();
        for (Piece piece : pieces) {
            size += indent.length + piece.bytes().length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + size / 8);
        out.writeBytes(text.substring(0, before).getBytes(StandardCharsets.UTF_8));
        for (Piece piece : pieces) {
            out.writeBytes(indent);
            out.writeBytes(piece.bytes());
        }
        out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * One article's item (or entry) as it is written inside a feed: rendered by Rome in a document of
     * its own, with everything a feed does to its items, and cut out of it between two markers.
     */
    private Piece piece(Article article, FeedFormat format) {
        Generated one = document(siteView(List.of(article)), format, List.of(article), false);
        Element item = itemElements(one.document(), format).get(0);
        Element parent = item.getParentElement();
        int index = parent.indexOf(item);
        parent.addContent(index + 1, new Comment(MARKER + "-end"));
        parent.addContent(index, new Comment(MARKER));
        String text = new XMLOutputter(FORMAT).outputString(one.document());
        String start = "<!--" + MARKER + "-->";
        String end = "<!--" + MARKER + "-end-->";
        String piece = text.substring(text.indexOf(start) + start.length(), text.indexOf(end)).strip();
        return new Piece(piece.getBytes(StandardCharsets.UTF_8), Set.copyOf(one.romeNamespaces()));
    }

    /** The RSS items or Atom entries of a document Rome generated. */
    private static List<Element> itemElements(Document document, FeedFormat format) {
        Element root = document.getRootElement();
        return format == FeedFormat.RSS ? root.getChild("channel").getChildren("item")
                : root.getChildren("entry", root.getNamespace());
    }

    /**
     * Every namespace Rome declares on the root element of a feed whose items use all that an item
     * can (authors, HTML content, dates), in the order Rome declares them; a feed declares those of
     * them it uses, in this order.
     */
    private List<Namespace> romeOrder(FeedFormat format) {
        // Two threads may both probe; they learn the same list.
        if (format == FeedFormat.RSS) {
            List<Namespace> order = rssNamespaces;
            if (order == null) {
                order = probeNamespaces(FeedFormat.RSS);
                rssNamespaces = order;
            }
            return order;
        }
        List<Namespace> order = atomNamespaces;
        if (order == null) {
            order = probeNamespaces(FeedFormat.ATOM);
            atomNamespaces = order;
        }
        return order;
    }

    private List<Namespace> probeNamespaces(FeedFormat format) {
        Article probe = new Article("00000000-0000-0000-0000-000000000000", 1, properties.siteLink(), "Probe",
                "Summary", "<p>Content</p>", List.of(new Article.Author("Author", properties.siteLink())),
                List.of("Category"), List.of("tag"), properties.language(), Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                new Article.LeadImage(properties.siteLink(), "Alt", "image/jpeg", 1, 1));
        return List.copyOf(document(siteView(List.of(probe)), format, List.of(probe), false).romeNamespaces());
    }

    /**
     * The document of {@code view} in {@code format} listing {@code articles}, or, for a skeleton, one
     * placeholder item instead, which marks where items go.
     */
    private Generated document(FeedView view, FeedFormat format, List<Article> articles, boolean placeholder) {
        boolean rss = format == FeedFormat.RSS;
        List<SyndEntry> entries = placeholder ? List.of(placeholderEntry())
                : articles.stream().map(article -> entry(article, rss)).toList();
        return rss ? rssDocument(view, entries, placeholder ? List.of() : articles) : atomDocument(view, entries);
    }

    private Generated rssDocument(FeedView view, List<SyndEntry> entries, List<Article> articles) {
        Channel channel = (Channel) feed(RSS, view, entries).createWireFeed();
        channel.setLastBuildDate(Date.from(view.updated()));
        // RSS has no self or hub link of its own; the Atom ones are what validators and WebSub hubs look for.
        List<Element> foreign = new ArrayList<>(channel.getForeignMarkup());
        foreign.add(atomLink("self", self(view, FeedFormat.RSS), RSS_MEDIA_TYPE));
        history(view, FeedFormat.RSS).forEach(link -> foreign.add(atomLink(link.getRel(), link.getHref(),
                link.getType())));
        hubs(view).forEach(hub -> foreign.add(atomLink("hub", hub.toString(), null)));
        channel.setForeignMarkup(foreign);
        Document document = jdom(channel);
        Element root = document.getRootElement();
        List<Namespace> rome = List.copyOf(root.getAdditionalNamespaces());
        root.addNamespaceDeclaration(ATOM_NS);
        root.addNamespaceDeclaration(MEDIA_NS);
        if (view.isArchive()) {
            root.addNamespaceDeclaration(FH_NS);
            root.getChild("channel").addContent(new Element("archive", FH_NS));
        }
        removeDcDates(root);
        List<Element> items = root.getChild("channel").getChildren("item");
        for (int i = 0; i < articles.size(); i++) {
            // RSS has no element for the time of the last change; readers that show one read atom:updated.
            items.get(i).addContent(new Element("updated", ATOM_NS)
                    .setText(DateTimeFormatter.ISO_INSTANT.format(FeedDirectory.changedAt(articles.get(i)))));
            Article.LeadImage image = articles.get(i).leadImage();
            if (image != null && image.url() != null) {
                // media:content, not enclosure: RSS requires an enclosure's length in bytes, and the
                // event contract carries no length, so an enclosure would be invalid.
                items.get(i).addContent(mediaContent(image));
            }
        }
        return new Generated(document, rome);
    }

    private Generated atomDocument(FeedView view, List<SyndEntry> entries) {
        SyndFeed feed = feed(ATOM, view, entries);
        // RFC 4287 wants an author on every entry, or on the feed; the site is the author of last resort.
        SyndPerson site = new SyndPersonImpl();
        site.setName(XmlText.clean(properties.siteTitle()));
        site.setUri(properties.siteLink().toString());
        feed.setAuthors(List.of(site));
        List<SyndLink> links = new ArrayList<>(feed.getLinks());
        links.addAll(history(view, FeedFormat.ATOM));
        hubs(view).forEach(hub -> links.add(link("hub", hub.toString(), null)));
        feed.setLinks(links);
        Document document = jdom(feed.createWireFeed());
        List<Namespace> rome = List.copyOf(document.getRootElement().getAdditionalNamespaces());
        removeDcDates(document.getRootElement());
        if (view.isArchive()) {
            document.getRootElement().addNamespaceDeclaration(FH_NS);
            document.getRootElement().addContent(new Element("archive", FH_NS));
        }
        return new Generated(document, rome);
    }

    /** Stands where the items go in a skeleton; uses no namespace, so Rome declares for it nothing. */
    private static SyndEntry placeholderEntry() {
        SyndEntry entry = new SyndEntryImpl();
        entry.setTitle(MARKER);
        return entry;
    }

    /** A document as Rome generated it, and the namespaces Rome (not this renderer) declared on its root. */
    private record Generated(Document document, List<Namespace> romeNamespaces) {
    }

    /** One item's bytes as written inside a feed, and the namespaces Rome declared for the document it came from. */
    private record Piece(byte[] bytes, Set<Namespace> namespaces) {
    }

    /** The address of the document {@code view} is rendered into. */
    private String self(FeedView view, FeedFormat format) {
        return properties.selfLink(view.isArchive() ? FeedArchives.path(view.archive(), format)
                : view.scope().path(format));
    }

    /** The RFC 5005 links of {@code view}: to the current feed from an archive, and to neighbouring archives. */
    private List<SyndLink> history(FeedView view, FeedFormat format) {
        List<SyndLink> links = new ArrayList<>();
        String type = format.mediaType();
        if (view.isArchive()) {
            links.add(link("current", properties.selfLink(view.scope().path(format)), type));
            if (view.archive() > 1) {
                links.add(link("prev-archive", archive(view.archive() - 1, format), type));
            }
            if (view.archive() < view.archives()) {
                links.add(link("next-archive", archive(view.archive() + 1, format), type));
            }
        }
        else if (view.archives() > 0) {
            links.add(link("prev-archive", archive(view.archives(), format), type));
        }
        return links;
    }

    private String archive(int number, FeedFormat format) {
        return properties.selfLink(FeedArchives.path(number, format));
    }

    /** Archive pages name no hub: they are not meant to be subscribed to. */
    private List<URI> hubs(FeedView view) {
        return view.isArchive() ? List.of() : hubs;
    }

    private FeedView siteView(List<Article> articles) {
        Instant updated = articles.stream().map(FeedDirectory::changedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
        return new FeedView(FeedScope.SITE, properties.siteTitle(), properties.siteDescription(), articles, updated, 1,
                false);
    }

    private SyndFeed feed(String type, FeedView view, List<SyndEntry> entries) {
        String mediaType = RSS.equals(type) ? RSS_MEDIA_TYPE : ATOM_MEDIA_TYPE;
        FeedFormat format = RSS.equals(type) ? FeedFormat.RSS : FeedFormat.ATOM;
        String self = self(view, format);
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        feed.setEncoding(StandardCharsets.UTF_8.name());
        feed.setTitle(XmlText.clean(view.title()));
        feed.setLink(properties.siteLink().toString());
        feed.setDescription(XmlText.clean(view.description()));
        feed.setLanguage(properties.language());
        // The feed's address is its stable id: a category feed is a different feed from the site's. Archive
        // pages are documents of the current feed (RFC 5005), so they carry its id.
        feed.setUri(properties.selfLink(view.scope().path(format)));
        // The newest change, not the time of rendering: the same articles must give the same bytes.
        feed.setPublishedDate(Date.from(view.updated()));
        feed.setLinks(List.of(link("alternate", properties.siteLink().toString(), "text/html"),
                link("self", self, mediaType)));
        feed.setEntries(entries);
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
        entry.setUpdatedDate(Date.from(FeedDirectory.changedAt(article)));
        List<SyndPerson> authors = article.authors().stream().map(FeedRenderer::person).toList();
        entry.setAuthors(authors);
        if (rss) {
            // RSS has no element for a byline that is not an email address; dc:creator is the common one.
            ((DCModule) entry.getModule(DCModule.URI)).setCreators(authors.stream().map(SyndPerson::getName).toList());
        }
        entry.setCategories(terms(article).stream().map(FeedRenderer::category).toList());
        return entry;
    }

    /** Categories, then tags, each once: readers have one notion of a label, and JSON Feed one list of tags. */
    static List<String> terms(Article article) {
        Set<String> terms = new LinkedHashSet<>(article.categories());
        terms.addAll(article.tags());
        return terms.stream().filter(Objects::nonNull).map(XmlText::clean).filter(t -> !t.isBlank()).toList();
    }

    /**
     * Rome's Dublin Core module writes each entry's publication time as {@code dc:date}, which
     * readers such as feedparser take for the time of the last change, hiding the real one.
     */
    private static void removeDcDates(Element element) {
        element.removeChildren("date", DC_NS);
        element.getChildren().forEach(FeedRenderer::removeDcDates);
    }

    private static Element mediaContent(Article.LeadImage image) {
        Element content = new Element("content", MEDIA_NS).setAttribute("url", image.url().toString())
                .setAttribute("medium", "image");
        if (image.mediaType() != null) {
            content.setAttribute("type", image.mediaType());
        }
        if (image.width() != null) {
            content.setAttribute("width", image.width().toString());
        }
        if (image.height() != null) {
            content.setAttribute("height", image.height().toString());
        }
        if (image.altText() != null && !image.altText().isBlank()) {
            content.addContent(new Element("description", MEDIA_NS).setAttribute("type", "plain")
                    .setText(XmlText.clean(image.altText())));
        }
        return content;
    }

    private static Element atomLink(String rel, String href, String type) {
        Element link = new Element("link", ATOM_NS).setAttribute("href", href).setAttribute("rel", rel);
        if (type != null) {
            link.setAttribute("type", type);
        }
        return link;
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
        category.setName(name);
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
