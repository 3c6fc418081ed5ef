package io.newswire.ingest.source;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One item of a polled feed, normalised across RSS, Atom and JSON Feed.
 *
 * @param key the matching key: the guid or id when the feed gives one, else the canonical link
 * @param link the item's canonical absolute link (tracking parameters and fragment removed)
 * @param title plain text, never {@code null} (may be empty when the feed gives no text at all)
 * @param summary plain text, or {@code null}
 * @param contentHtml the body as the feed gives it, unsanitised, or {@code null}
 * @param imageUrl an absolute image URL from an enclosure, {@code media:content} or JSON Feed, or {@code null}
 */
record FeedItem(
        String key,
        URI link,
        String title,
        String summary,
        String contentHtml,
        List<String> authors,
        List<String> categories,
        Instant published,
        Instant updated,
        URI imageUrl) {

    FeedItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(title, "title");
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
