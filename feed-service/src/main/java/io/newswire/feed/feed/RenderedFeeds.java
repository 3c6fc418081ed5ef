package io.newswire.feed.feed;

import io.newswire.events.Article;
import io.newswire.feed.article.ArticleCatalog;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every feed as last rendered, kept until the catalog changes. The first request for a feed after
 * a change renders it, from a {@link FeedDirectory} built once for that change; the renderers
 * assemble it from items they rendered once per article version, so a change costs the feed's own
 * elements and one new item, not a rendering of every item. Every other request is served from
 * memory, with no work that grows with the number of articles. While the
 * topic is replayed at start many changes pass unrendered, because rendering waits for a request
 * (or for {@link FeedChangeWatch}).
 */
class RenderedFeeds {

    private final ArticleCatalog catalog;
    private final FeedProperties properties;
    private final FeedRenderer xml;
    private final JsonFeedRenderer json;
    private final FeedIndexRenderer index;
    private final FeedArchives archives;
    private volatile Generation current;

    RenderedFeeds(ArticleCatalog catalog, FeedProperties properties, FeedRenderer xml, JsonFeedRenderer json,
            FeedIndexRenderer index) {
        this.catalog = catalog;
        this.properties = properties;
        this.xml = xml;
        this.json = json;
        this.index = index;
        this.archives = new FeedArchives(properties.maxItems());
    }

    /** The site's current RSS feed. */
    FeedDocument rss() {
        return feed(FeedScope.SITE, FeedFormat.RSS, 1).orElseThrow();
    }

    /** The site's current Atom feed. */
    FeedDocument atom() {
        return feed(FeedScope.SITE, FeedFormat.ATOM, 1).orElseThrow();
    }

    /**
     * One feed, or empty when there is no such feed: no article has that category, tag or author,
     * or the page is past the last. Page 1 of the site's feeds always exists, empty or not.
     */
    Optional<FeedDocument> feed(FeedScope scope, FeedFormat format, int page) {
        return feed(current(), scope, format, page);
    }

    private Optional<FeedDocument> feed(Generation generation, FeedScope scope, FeedFormat format, int page) {
        if (page < 1 || page > 1 && format != FeedFormat.JSON) {
            return Optional.empty();
        }
        Optional<FeedDirectory.Listing> listing = generation.directory().listing(scope);
        if (listing.isEmpty() || page > 1 && (long) (page - 1) * properties.maxItems() >= listing.get().articles().size()) {
            return Optional.empty();
        }
        return Optional.of(generation.documents().computeIfAbsent(new Key(scope, format, page, 0),
                key -> render(generation.directory(), key, listing.get())));
    }

    /**
     * Archive page {@code number} of the site's feed in {@code format} (RFC 5005; see {@link FeedArchives}),
     * or empty when there is no such page or the format is not archived.
     */
    Optional<FeedDocument> archive(int number, FeedFormat format) {
        Generation generation = current();
        if (!FeedArchives.archived(format)) {
            return Optional.empty();
        }
        FeedDirectory.Listing site = generation.directory().listing(FeedScope.SITE).orElseThrow();
        return archives.page(site.articles(), number).map(items -> generation.documents().computeIfAbsent(
                new Key(FeedScope.SITE, format, 1, number), key -> {
                    FeedView view = new FeedView(FeedScope.SITE, properties.siteTitle(), properties.siteDescription(),
                            items, updated(items), 1, false, number, archives.count(site.articles().size()));
                    return FeedDocument.of(bytes(key.format(), view), generation.directory().lastModified(items));
                }));
    }

    /** The HTML page listing every feed. */
    FeedDocument index() {
        Generation generation = current();
        return generation.documents().computeIfAbsent(Key.INDEX, key -> FeedDocument.of(index.html(names(generation))));
    }

    /** The OPML listing every feed. */
    FeedDocument opml() {
        Generation generation = current();
        return generation.documents().computeIfAbsent(Key.OPML, key -> FeedDocument.of(index.opml(names(generation))));
    }

    /**
     * What the current (first) page of every feed in every format is made from, by self URL: equal
     * fingerprints mean equal bytes. Computed from the directory alone, without rendering, so that
     * watching for changes costs no rendering of feeds nobody asked for (rendering every feed at each
     * change would compete with the requests for the one that changed).
     */
    Map<URI, Fingerprint> fingerprints() {
        Generation generation = current();
        Map<URI, Fingerprint> fingerprints = new LinkedHashMap<>();
        FeedDirectory directory = generation.directory();
        for (FeedScope scope : directory.scopes()) {
            FeedDirectory.Listing listing = directory.listing(scope).orElseThrow();
            List<Article> all = listing.articles();
            List<Article> items = all.subList(0, Math.min(all.size(), properties.maxItems()));
            List<String> versions = new ArrayList<>(items.size());
            items.forEach(article -> versions.add(article.id() + "@" + article.version()));
            Fingerprint fingerprint = new Fingerprint(listing.name(), versions, items.size() < all.size(),
                    scope.kind() == FeedScope.Kind.SITE ? archives.count(all.size()) : 0);
            for (FeedFormat format : FeedFormat.values()) {
                fingerprints.put(URI.create(properties.selfLink(scope.path(format))), fingerprint);
            }
        }
        return fingerprints;
    }

    /**
     * Everything a current feed's bytes depend on besides the configuration: its name, which article
     * versions it lists (versions grow with every change), whether a next page follows, its archive count.
     */
    record Fingerprint(String name, List<String> items, boolean hasNextPage, int archives) {
    }

    /** The catalog revision the feeds now served belong to. */
    long revision() {
        return current().directory().revision();
    }

    private FeedDocument render(FeedDirectory directory, Key key, FeedDirectory.Listing listing) {
        List<Article> all = listing.articles();
        int from = (key.page() - 1) * properties.maxItems();
        int to = Math.min(all.size(), from + properties.maxItems());
        List<Article> items = all.subList(from, to);
        // Only the site's current RSS and Atom feeds link to archives.
        int archived = key.scope().kind() == FeedScope.Kind.SITE && key.page() == 1
                && FeedArchives.archived(key.format()) ? archives.count(all.size()) : 0;
        FeedView view = new FeedView(key.scope(), title(key.scope(), listing.name()),
                description(key.scope(), listing.name()), items, updated(items), key.page(), to < all.size(), 0,
                archived);
        // Last-Modified also counts retractions (see FeedDirectory.lastModified); not in the bytes, so that
        // a retraction elsewhere does not change the ETag of every feed.
        return FeedDocument.of(bytes(key.format(), view), directory.lastModified(items));
    }

    /** The document's own date: its items' newest change; the empty site feed has the epoch. */
    private static Instant updated(List<Article> items) {
        return items.stream().map(FeedDirectory::changedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private byte[] bytes(FeedFormat format, FeedView view) {
        return switch (format) {
            case RSS -> xml.rss(view);
            case ATOM -> xml.atom(view);
            case JSON -> json.json(view);
        };
    }

    private String title(FeedScope scope, String name) {
        return switch (scope.kind()) {
            case SITE -> properties.siteTitle();
            case TAG -> properties.siteTitle() + ": #" + name;
            default -> properties.siteTitle() + ": " + name;
        };
    }

    private String description(FeedScope scope, String name) {
        return switch (scope.kind()) {
            case SITE -> properties.siteDescription();
            case CATEGORY -> "Stories in " + name + " from " + properties.siteTitle() + ".";
            case TAG -> "Stories tagged " + name + " from " + properties.siteTitle() + ".";
            case AUTHOR -> "Stories by " + name + " from " + properties.siteTitle() + ".";
        };
    }

    private static Map<FeedScope, String> names(Generation generation) {
        Map<FeedScope, String> names = new LinkedHashMap<>();
        generation.directory().scopes().forEach(scope -> names.put(scope,
                generation.directory().listing(scope).map(FeedDirectory.Listing::name).orElse(null)));
        return names;
    }

    private Generation current() {
        Generation generation = current;
        if (generation != null && generation.directory().revision() == catalog.revision()) {
            return generation;
        }
        synchronized (this) {
            generation = current;
            if (generation == null || generation.directory().revision() != catalog.revision()) {
                // Every article, once per change: category, tag and author feeds are cut from it.
                generation = new Generation(FeedDirectory.of(catalog.newest(Integer.MAX_VALUE)),
                        new ConcurrentHashMap<>());
                current = generation;
            }
            return generation;
        }
    }

    private record Generation(FeedDirectory directory, Map<Key, FeedDocument> documents) {
    }

    /** {@code archive} is 0 for a current feed or one of its pages, else the number of an archive page. */
    private record Key(FeedScope scope, FeedFormat format, int page, int archive) {

        static final Key INDEX = new Key(null, null, 0, 0);
        static final Key OPML = new Key(null, null, -1, 0);
    }
}
