package io.newswire.feed.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The read model every feed is made from: the current snapshot of each public article, newest
 * first. Every instance holds all of it, so instances behind a load balancer serve the same feeds.
 *
 * <p>Events are applied by version, never by arrival: a consumer sees redeliveries, and at every
 * start the whole compacted topic again, so a snapshot no newer than the one held changes nothing.
 * A retraction is remembered with its version, so that an older snapshot of the same article seen
 * later cannot bring it back.
 */
public final class ArticleCatalog {

    /** Newest publication first; the id breaks ties, so every instance lists the same order. */
    static final Comparator<Article> NEWEST_FIRST = Comparator.comparing(Article::publishedAt)
            .reversed()
            .thenComparing(Article::id);

    // Guarded by this. An entry with a null article is a retraction at that version.
    private final Map<String, Held> byId = new HashMap<>();
    private final NavigableSet<Article> newestFirst = new TreeSet<>(NEWEST_FIRST);
    // Written under the lock, read without it, so readers can tell cheaply whether anything changed.
    private volatile long revision;
    // The newest change time among retractions: a feed that lost an item changed then, so its
    // Last-Modified must not fall back to the newest item still in it. From the events, not the clock.
    private Instant lastRemoval;

    /**
     * Applies one event. A snapshot that lacks what the contract requires is refused with an
     * {@link InvalidArticleException}, which the error handler never retries.
     */
    public synchronized Outcome apply(ArticleEventType type, Article article) {
        check(type, article);
        Held held = byId.get(article.id());
        return switch (type) {
            case PUBLISHED, UPDATED -> show(article, held);
            case RETRACTED -> retract(article, held);
        };
    }

    /** Drops an article whose key was deleted from the topic (a tombstone); nothing is remembered. */
    public synchronized boolean forget(String id) {
        Held held = byId.remove(id);
        if (held != null && held.article() != null) {
            newestFirst.remove(held.article());
            revision++;
            return true;
        }
        return false;
    }

    /** Grows whenever the set of public articles or any of them changes. */
    public long revision() {
        return revision;
    }

    /** The newest {@code limit} public articles, newest first, with the revision they belong to. */
    public synchronized Snapshot newest(int limit) {
        List<Article> articles = new ArrayList<>(Math.min(limit, newestFirst.size()));
        Iterator<Article> it = newestFirst.iterator();
        while (it.hasNext() && articles.size() < limit) {
            articles.add(it.next());
        }
        return new Snapshot(revision, List.copyOf(articles), lastRemoval);
    }

    /** The number of public articles held. */
    public synchronized int size() {
        return newestFirst.size();
    }

    private Outcome show(Article article, Held held) {
        if (held != null && article.version() <= held.version()) {
            return Outcome.STALE;
        }
        if (held != null && held.article() != null) {
            newestFirst.remove(held.article());
        }
        newestFirst.add(article);
        byId.put(article.id(), new Held(article.version(), article));
        revision++;
        return Outcome.SHOWN;
    }

    private Outcome retract(Article article, Held held) {
        // A retraction wins over a snapshot of the same version: it may carry the version it withdraws.
        if (held != null && (article.version() < held.version()
                || article.version() == held.version() && held.article() == null)) {
            return Outcome.STALE;
        }
        if (held != null && held.article() != null) {
            newestFirst.remove(held.article());
            revision++;
            Instant when = article.updatedAt() != null ? article.updatedAt() : held.article().updatedAt();
            if (when != null && (lastRemoval == null || when.isAfter(lastRemoval))) {
                lastRemoval = when;
            }
        }
        byId.put(article.id(), new Held(article.version(), null));
        return Outcome.RETRACTED;
    }

    private static void check(ArticleEventType type, Article article) {
        if (article.id() == null || article.id().isBlank()) {
            throw new InvalidArticleException("Article snapshot has no id");
        }
        if (article.version() < 1) {
            throw new InvalidArticleException("Article " + article.id() + " has version " + article.version()
                    + "; versions start at 1");
        }
        if (type != ArticleEventType.RETRACTED
                && (article.url() == null || article.title() == null || article.publishedAt() == null)) {
            throw new InvalidArticleException("Article " + article.id() + " lacks a url, title or publishedAt");
        }
    }

    /** What applying an event did. */
    public enum Outcome {
        /** The snapshot is now the one served. */
        SHOWN,
        /** The article is not served, and no older snapshot will bring it back. */
        RETRACTED,
        /** The event was no newer than what is held: a redelivery or a replay. */
        STALE
    }

    /**
     * Public articles as of one revision.
     *
     * @param lastRemoval the newest {@code updatedAt} of a retraction that removed an article, or {@code null}
     */
    public record Snapshot(long revision, List<Article> articles, Instant lastRemoval) {
    }

    private record Held(long version, Article article) {
    }
}
