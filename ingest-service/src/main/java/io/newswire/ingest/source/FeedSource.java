package io.newswire.ingest.source;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A polled feed and its visible state: when it was last fetched and with what outcome, how many
 * distinct items it has given, when it will be fetched next, and how many fetches failed in a row.
 */
record FeedSource(
        String id,
        URI url,
        Duration pollInterval,
        List<String> defaultCategories,
        Instant createdAt,
        String etag,
        Instant lastModified,
        Instant lastFetchAt,
        Integer lastStatus,
        String lastError,
        long itemsSeen,
        Instant nextFetchAt,
        int consecutiveErrors) {
}
