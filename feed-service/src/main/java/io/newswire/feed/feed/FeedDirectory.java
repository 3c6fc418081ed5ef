package io.newswire.feed.feed;

import io.newswire.events.Article;
import io.newswire.feed.article.ArticleCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every feed that exists at one catalog revision, with the articles each lists (newest first) and
 * the name it is titled with. Built in one pass over the catalog each time it changes, so a request
 * for a feed never scans the articles.
 */
final class FeedDirectory {

    private final long revision;
    private final Instant lastRemoval;
    // Site first, then categories, tags and authors, each sorted by slug: the index lists them so.
    private final Map<FeedScope, Listing> listings;

    private FeedDirectory(long revision, Instant lastRemoval, Map<FeedScope, Listing> listings) {
        this.revision = revision;
        this.lastRemoval = lastRemoval;
        this.listings = listings;
    }

    static FeedDirectory of(ArticleCatalog.Snapshot snapshot) {
        Map<FeedScope.Kind, TreeMap<String, Builder>> byKind = new LinkedHashMap<>();
        for (FeedScope.Kind kind : FeedScope.Kind.values()) {
            byKind.put(kind, new TreeMap<>());
        }
        Builder site = byKind.get(FeedScope.Kind.SITE).computeIfAbsent("", slug -> new Builder(null));
        // Few names, many articles: each name is slugged once per build (Slug.of normalizes Unicode).
        Map<String, String> slugs = new HashMap<>();
        for (Article article : snapshot.articles()) {
            site.add(article);
            article.categories().forEach(name -> add(byKind.get(FeedScope.Kind.CATEGORY), slugs, name, article));
            article.tags().forEach(name -> add(byKind.get(FeedScope.Kind.TAG), slugs, name, article));
            article.authors().forEach(author -> add(byKind.get(FeedScope.Kind.AUTHOR), slugs, author.name(), article));
        }
        Map<FeedScope, Listing> listings = new LinkedHashMap<>();
        byKind.forEach((kind, bySlug) -> bySlug.forEach((slug, builder) -> listings.put(new FeedScope(kind, slug),
                new Listing(builder.name, List.copyOf(builder.articles)))));
        return new FeedDirectory(snapshot.revision(), snapshot.lastRemoval(), listings);
    }

    private static void add(Map<String, Builder> bySlug, Map<String, String> slugs, String name, Article article) {
        String slug = name == null ? Slug.of(name) : slugs.computeIfAbsent(name, Slug::of);
        if (!slug.isEmpty()) {
            // The newest article's spelling names the feed, since articles arrive newest first.
            bySlug.computeIfAbsent(slug, s -> new Builder(name)).add(article);
        }
    }

    long revision() {
        return revision;
    }

    Optional<Listing> listing(FeedScope scope) {
        return Optional.ofNullable(listings.get(scope));
    }

    /** Every scope, site first. */
    Set<FeedScope> scopes() {
        return listings.keySet();
    }

    /**
     * The Last-Modified of a feed listing {@code items}: its newest {@code updatedAt}, or a later
     * retraction anywhere, which may have taken an item out of it. Conservative: a retraction makes
     * every feed's Last-Modified move, so an {@code If-Modified-Since} never hides a retraction; the
     * ETag, a hash of the bytes, stays exact. Never the clock, so every instance agrees.
     */
    Instant lastModified(List<Article> items) {
        Instant newest = items.stream().map(FeedDirectory::changedAt).max(Comparator.naturalOrder()).orElse(null);
        if (lastRemoval != null && (newest == null || lastRemoval.isAfter(newest))) {
            return lastRemoval;
        }
        return newest;
    }

    static Instant changedAt(Article article) {
        return article.updatedAt() != null ? article.updatedAt() : article.publishedAt();
    }

    /**
     * The articles of one feed.
     *
     * @param name     the category, tag or author as first written; {@code null} for the site
     * @param articles all of them, newest first
     */
    record Listing(String name, List<Article> articles) {
    }

    private static final class Builder {

        private final String name;
        // An article naming a category twice, or two spellings with one slug, is listed once.
        private final Set<Article> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Article> articles = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        void add(Article article) {
            if (seen.add(article)) {
                articles.add(article);
            }
        }
    }
}
