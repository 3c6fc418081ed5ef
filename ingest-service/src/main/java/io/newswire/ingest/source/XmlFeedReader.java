package io.newswire.ingest.source;

import io.newswire.ingest.article.CanonicalUrl;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.JDOMParseException;
import org.jsoup.nodes.Entities;

/**
 * RSS and Atom through Rome, with the XML parser refusing any DOCTYPE. Rome gives the
 * structure; the raw JDOM document fills what Rome drops (dates it cannot read, xml:base).
 */
class XmlFeedReader {

    private static final String MEDIA_RSS = "http://search.yahoo.com/mrss/";

    /*
     * Old Netscape RSS 0.91 feeds still open with an external DOCTYPE. One without an internal
     * subset cannot declare entities, so removing it before parsing loses nothing and lets the
     * parser go on refusing every DOCTYPE it sees. Anything with a "[" subset is left for the
     * parser to refuse.
     */
    private static final Pattern EXTERNAL_RSS_DOCTYPE = Pattern.compile(
            "(?is)^(\\s*(?:<\\?xml[^>]*>)?\\s*(?:<!--.*?-->\\s*)*)"
                    + "<!DOCTYPE\\s+rss\\s+(?:PUBLIC\\s+(?:\"[^\"]*\"|'[^']*')\\s*|SYSTEM\\s+)"
                    + "(?:\"[^\"]*\"|'[^']*')\\s*>");

    private static final Set<String> RDF_FEED_TYPES = Set.of("rss_1.0", "rss_0.9");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d");

    private static final Pattern IMAGE_PATH = Pattern.compile("(?i).*\\.(?:jpe?g|png|gif|webp|avif)$");

    private final SafeFeedInput input = new SafeFeedInput();

    ParsedFeed read(String text, URI feedUrl) throws FeedParseException {
        Document document = document(withoutExternalRssDoctype(text));
        WireFeed wire = wireFeed(document);
        SyndFeed feed;
        try {
            feed = new SyndFeedImpl(wire, true);
        }
        catch (RuntimeException ex) {
            throw new FeedParseException("could not read the feed: " + ex, ex);
        }
        Element root = document.getRootElement();
        Element channel = child(root, "channel");
        URI declaredBase = declaredBase(root, channel, feedUrl);
        URI feedLink = FeedText.resolve(declaredBase != null ? declaredBase : feedUrl, rawFeedLink(wire));
        // xml:base on the root or channel wins; else the site link; else the URL the feed came from.
        URI feedBase = declaredBase != null ? declaredBase : feedLink != null ? feedLink : feedUrl;

        List<SyndEntry> entries = feed.getEntries();
        List<Element> elements = itemElements(root);
        // Rome keeps document order, so the n-th entry is the n-th element when the counts agree.
        boolean aligned = elements.size() == entries.size();
        List<String> feedAuthors = names(feed.getAuthors());
        List<FeedItem> items = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Element element = aligned ? elements.get(i) : null;
            FeedItem item = item(entries.get(i), element, itemBase(element, feedBase), wire, feedAuthors);
            if (item != null) {
                items.add(item);
            }
        }
        return new ParsedFeed(text(feed.getTitleEx(), feed.getTitle()), feedLink, ttl(wire), items);
    }

    private Document document(String text) throws FeedParseException {
        try {
            return input.parse(new StringReader(text));
        }
        catch (JDOMParseException ex) {
            String reason = ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage();
            if (reason != null && reason.contains("DOCTYPE")) {
                throw new FeedParseException("refused: the feed declares a DOCTYPE, and DOCTYPEs are never read "
                        + "(their entities could read local files or expand without bound)", ex);
            }
            throw new FeedParseException("malformed XML at line " + ex.getLineNumber() + ", column "
                    + ex.getColumnNumber() + ": " + reason, ex);
        }
        catch (JDOMException | IOException ex) {
            throw new FeedParseException("malformed XML: " + ex.getMessage(), ex);
        }
    }

    private WireFeed wireFeed(Document document) throws FeedParseException {
        try {
            return input.build(document);
        }
        catch (IllegalArgumentException ex) {
            throw new FeedParseException("not a feed: the root element <" + document.getRootElement().getName()
                    + "> is neither RSS nor Atom", ex);
        }
        catch (FeedException | RuntimeException ex) {
            throw new FeedParseException("could not read the feed: " + ex.getMessage(), ex);
        }
    }

    private static FeedItem item(SyndEntry entry, Element element, URI base, WireFeed wire, List<String> feedAuthors) {
        String id = null;
        String rawLink = null;
        List<String> enclosures = new ArrayList<>();
        List<Element> foreign = List.of();
        if (entry.getWireEntry() instanceof Item rss) {
            Guid guid = rss.getGuid();
            id = guid == null ? null : FeedText.collapsed(guid.getValue());
            if (id == null && RDF_FEED_TYPES.contains(wire.getFeedType())) {
                // RSS 1.0 and 0.90 identify an item by rdf:about. (The other RSS parsers copy the
                // link into the uri, which must not pass for a guid.)
                id = FeedText.collapsed(rss.getUri());
            }
            rawLink = rss.getLink();
            if (FeedText.collapsed(rawLink) == null && guid != null && guid.isPermaLink()) {
                rawLink = guid.getValue();
            }
            for (Enclosure enclosure : rss.getEnclosures()) {
                if (isImage(enclosure.getType(), null, enclosure.getUrl())) {
                    enclosures.add(enclosure.getUrl());
                }
            }
            foreign = rss.getForeignMarkup();
        }
        else if (entry.getWireEntry() instanceof Entry atom) {
            id = FeedText.collapsed(atom.getId());
            rawLink = atom.getAlternateLinks().isEmpty() ? null : atom.getAlternateLinks().get(0).getHref();
            for (Link link : atom.getOtherLinks()) {
                if ("enclosure".equals(link.getRel()) && isImage(link.getType(), null, link.getHref())) {
                    enclosures.add(link.getHref());
                }
            }
            foreign = atom.getForeignMarkup();
        }
        else {
            rawLink = entry.getLink();
        }
        URI link = FeedText.resolve(base, rawLink);
        if (link == null && id != null) {
            // Atom ids and RSS guids are often the permalink even when not marked as one.
            link = FeedText.resolve(null, id);
        }
        if (link == null) {
            return null;
        }
        URI canonical = CanonicalUrl.canonicalize(link);

        String summary = text(entry.getDescription());
        String contentHtml = contentHtml(entry.getContents());
        String title = FeedText.title(text(entry.getTitleEx(), entry.getTitle()), summary, FeedText.plain(contentHtml));

        Instant published =
                date(element, entry.getPublishedDate(), "pubDate", "date", "published", "issued", "created");
        Instant updated = date(element, entry.getUpdatedDate(), "updated", "modified");
        List<String> authors = authors(entry);
        if (authors.isEmpty() && wire instanceof Feed) {
            // Atom: an entry without authors has the feed's.
            authors = feedAuthors;
        }
        return new FeedItem(
                id != null ? id : canonical.toString(),
                canonical,
                title,
                summary,
                contentHtml,
                authors,
                FeedText.distinct(entry.getCategories().stream().map(SyndCategory::getName).toList()),
                published,
                updated,
                image(enclosures, foreign, base));
    }

    private static String withoutExternalRssDoctype(String text) {
        Matcher doctype = EXTERNAL_RSS_DOCTYPE.matcher(text);
        return doctype.lookingAt() ? doctype.group(1) + text.substring(doctype.end()) : text;
    }

    private static String rawFeedLink(WireFeed wire) {
        if (wire instanceof Channel channel) {
            return channel.getLink();
        }
        if (wire instanceof Feed atom && !atom.getAlternateLinks().isEmpty()) {
            return atom.getAlternateLinks().get(0).getHref();
        }
        return null;
    }

    private static Duration ttl(WireFeed wire) {
        return wire instanceof Channel channel && channel.getTtl() > 0 ? Duration.ofMinutes(channel.getTtl()) : null;
    }

    private static URI declaredBase(Element root, Element channel, URI feedUrl) {
        URI base = null;
        for (Element element : channel == null ? List.of(root) : List.of(root, channel)) {
            URI xmlBase = xmlBase(element, base != null ? base : feedUrl);
            if (xmlBase != null) {
                base = xmlBase;
            }
        }
        return base;
    }

    private static URI itemBase(Element item, URI feedBase) {
        URI xmlBase = item == null ? null : xmlBase(item, feedBase);
        return xmlBase != null ? xmlBase : feedBase;
    }

    private static URI xmlBase(Element element, URI base) {
        return FeedText.resolve(base, element.getAttributeValue("base", Namespace.XML_NAMESPACE));
    }

    private static List<Element> itemElements(Element root) {
        List<Element> items = new ArrayList<>();
        for (Element child : root.getChildren()) {
            String name = child.getName();
            if (name.equals("item") || name.equals("entry")) {
                items.add(child);
            }
            else if (name.equals("channel")) {
                for (Element inChannel : child.getChildren()) {
                    if (inChannel.getName().equals("item")) {
                        items.add(inChannel);
                    }
                }
            }
        }
        return items;
    }

    private static Element child(Element parent, String name) {
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(name)) {
                return child;
            }
        }
        return null;
    }

    private static String childText(Element element, String... names) {
        for (String name : names) {
            for (Element child : element.getChildren()) {
                if (child.getName().equals(name) && !child.getTextTrim().isEmpty()) {
                    return child.getTextTrim();
                }
            }
        }
        return null;
    }

    private static String text(SyndContent content) {
        return content == null ? null : text(content, content.getValue());
    }

    // Atom says when a field is plain text; everything else may carry markup and is stripped.
    private static String text(SyndContent content, String value) {
        String type = content == null || content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        return type.equals("text") || type.equals("text/plain") ? FeedText.collapsed(value) : FeedText.plain(value);
    }

    private static String contentHtml(List<SyndContent> contents) {
        for (SyndContent content : contents) {
            String value = content.getValue();
            if (value != null && !value.isBlank()) {
                // Atom type="text" is not markup: escape it so the field stays HTML as promised.
                return "text".equalsIgnoreCase(content.getType()) ? "<p>" + Entities.escape(value.strip()) + "</p>"
                        : value;
            }
        }
        return null;
    }

    private static List<String> authors(SyndEntry entry) {
        List<String> names = new ArrayList<>(names(entry.getAuthors()));
        if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
            dc.getCreators().forEach(creator -> names.add(FeedText.personName(creator)));
        }
        if (names.isEmpty()) {
            names.add(FeedText.personName(entry.getAuthor()));
        }
        names.removeIf(name -> name == null);
        return FeedText.distinct(names);
    }

    private static List<String> names(List<SyndPerson> people) {
        List<String> names = new ArrayList<>();
        for (SyndPerson person : people) {
            String name = FeedText.personName(person.getName());
            names.add(name != null ? name : FeedText.collapsed(person.getEmail()));
        }
        names.removeIf(name -> name == null);
        return names;
    }

    // An image enclosure first, then media:content, then media:thumbnail (also inside media:group).
    private static URI image(List<String> enclosures, List<Element> foreign, URI base) {
        List<String> candidates = new ArrayList<>(enclosures);
        List<Element> media = new ArrayList<>();
        for (Element element : foreign) {
            if (MEDIA_RSS.equals(element.getNamespaceURI())) {
                media.add(element);
                if (element.getName().equals("group")) {
                    media.addAll(element.getChildren());
                }
            }
        }
        for (Element element : media) {
            if (element.getName().equals("content") && isImage(element.getAttributeValue("type"),
                    element.getAttributeValue("medium"), element.getAttributeValue("url"))) {
                candidates.add(element.getAttributeValue("url"));
            }
        }
        for (Element element : media) {
            if (element.getName().equals("thumbnail")) {
                candidates.add(element.getAttributeValue("url"));
            }
        }
        for (String candidate : candidates) {
            URI image = FeedText.resolve(base, candidate);
            if (image != null) {
                return image;
            }
        }
        return null;
    }

    private static boolean isImage(String type, String medium, String url) {
        if (medium != null) {
            return medium.equalsIgnoreCase("image");
        }
        if (type != null && !type.isBlank()) {
            return type.toLowerCase(Locale.ROOT).startsWith("image/");
        }
        return url != null && IMAGE_PATH.matcher(url.replaceFirst("[?#].*$", "")).matches();
    }

    /*
     * Rome reads dates with SimpleDateFormat, which takes the ISO fraction ".5" as 5 ms and
     * microseconds as milliseconds (minutes off). So ISO-looking text is read here first; RFC 822
     * is left to Rome; whatever Rome cannot read gets a second chance here.
     */
    private static Instant date(Element element, Date fromRome, String... names) {
        String raw = element == null ? null : childText(element, names);
        if (raw != null && ISO_DATE.matcher(raw).lookingAt()) {
            Instant ours = LenientDates.parse(raw);
            if (ours != null) {
                return ours;
            }
        }
        if (fromRome != null) {
            return fromRome.toInstant();
        }
        return LenientDates.parse(raw);
    }

    /** Rome's own input, used only for its hardened SAX parser: DOCTYPEs refused, no external entities. */
    private static final class SafeFeedInput extends WireFeedInput {

        SafeFeedInput() {
            super(false, Locale.US);
            setAllowDoctypes(false);
        }

        Document parse(Reader reader) throws JDOMException, IOException {
            // The healer drops junk before the prolog and turns HTML entities (&nbsp;) into numbers.
            return createSAXBuilder().build(new XmlFixerReader(reader));
        }
    }
}
