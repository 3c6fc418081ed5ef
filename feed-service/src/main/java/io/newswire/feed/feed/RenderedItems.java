package io.newswire.feed.feed;

import io.newswire.events.Article;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The rendered piece of each recently listed article snapshot in one format (an RSS {@code item}, an
 * Atom {@code entry}, a JSON Feed item), so that a feed is assembled from pieces rendered once per
 * article version rather than rendered whole at every change. Keyed by the snapshot itself, so an
 * update of an article is a new piece and the old one ages out. Bounded: the least recently used
 * pieces go first, so old articles paged through once do not stay in memory.
 */
final class RenderedItems<T> {

    private final Map<Article, T> pieces;

    /** {@code capacity}: how many pieces are kept. */
    RenderedItems(int capacity) {
        this.pieces = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Article, T> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The piece of {@code article}, rendered with {@code render} if it is not kept. */
    T piece(Article article, Function<Article, T> render) {
        synchronized (pieces) {
            T piece = pieces.get(article);
            if (piece != null) {
                return piece;
            }
        }
        // Rendered outside the lock, so that requests rendering different articles do not queue; two
        // requests rendering the same one compute equal pieces and the first kept wins.
        T rendered = render.apply(article);
        synchronized (pieces) {
            T kept = pieces.putIfAbsent(article, rendered);
            return kept != null ? kept : rendered;
        }
    }

    int size() {
        synchronized (pieces) {
            return pieces.size();
        }
    }
}
