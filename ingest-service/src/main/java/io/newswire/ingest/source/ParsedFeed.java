package io.newswire.ingest.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A feed as {@link FeedParser} understood it.
 *
 * @param title plain text, may be empty
 * @param link the site the feed belongs to, absolute, or {@code null}
 * @param ttl the RSS {@code ttl} (how long the publisher asks readers to cache), or {@code null}
 * @param items in document order; items without any usable link are left out
 */
record ParsedFeed(String title, URI link, Duration ttl, List<FeedItem> items) {

    ParsedFeed {
        title = title == null ? "" : title;
        items = List.copyOf(items);
    }
}
