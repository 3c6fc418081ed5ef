package io.newswire.feed.feed;

import io.newswire.feed.article.ArticleCatalog;

/**
 * The feeds as last rendered, kept until the catalog changes. A request renders nothing unless the
 * catalog changed since the last render; while the topic is replayed at start many changes pass
 * unrendered, because rendering waits for a request.
 */
class RenderedFeeds {

    private final ArticleCatalog catalog;
    private final FeedRenderer renderer;
    private final int maxItems;
    private volatile Rendition current;

    RenderedFeeds(ArticleCatalog catalog, FeedRenderer renderer, int maxItems) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.maxItems = maxItems;
    }

    FeedDocument rss() {
        return current().rss();
    }

    FeedDocument atom() {
        return current().atom();
    }

    private Rendition current() {
        Rendition rendition = current;
        if (rendition != null && rendition.revision() == catalog.revision()) {
            return rendition;
        }
        synchronized (this) {
            rendition = current;
            if (rendition == null || rendition.revision() != catalog.revision()) {
                ArticleCatalog.Snapshot snapshot = catalog.newest(maxItems);
                rendition = new Rendition(snapshot.revision(),
                        FeedDocument.of(renderer.rss(snapshot.articles())),
                        FeedDocument.of(renderer.atom(snapshot.articles())));
                current = rendition;
            }
            return rendition;
        }
    }

    private record Rendition(long revision, FeedDocument rss, FeedDocument atom) {
    }
}
