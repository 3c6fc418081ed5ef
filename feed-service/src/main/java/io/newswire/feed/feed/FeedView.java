package io.newswire.feed.feed;

import io.newswire.events.Article;
import java.time.Instant;
import java.util.List;

/**
 * What one feed document shows, whatever its format.
 *
 * @param scope       whose feed it is, which also gives its self URL
 * @param title       the feed's title
 * @param description one line on what it lists
 * @param items       the articles it lists, newest first, already cut to the page
 * @param updated     when what it lists last changed ({@link FeedDirectory#lastModified}); never the clock
 * @param page        1 for the current feed; JSON Feed pages further with {@code ?page=}
 * @param hasNextPage whether older articles follow on page {@code page + 1}
 * @param archive     0 for a current feed; {@code n} for RFC 5005 archive page {@code n} (see {@link FeedArchives})
 * @param archives    how many archive pages the feed has, linked from the current feed and between archives
 */
record FeedView(FeedScope scope, String title, String description, List<Article> items, Instant updated, int page,
        boolean hasNextPage, int archive, int archives) {

    /** A current feed without archives. */
    FeedView(FeedScope scope, String title, String description, List<Article> items, Instant updated, int page,
            boolean hasNextPage) {
        this(scope, title, description, items, updated, page, hasNextPage, 0, 0);
    }

    /** Whether this is an archive page rather than a current feed. */
    boolean isArchive() {
        return archive > 0;
    }
}
