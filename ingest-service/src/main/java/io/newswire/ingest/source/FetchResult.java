package io.newswire.ingest.source;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A successful fetch: 200 with a body, or 304 when the conditional request matched.
 *
 * @param body decompressed, empty for 304
 * @param contentType the Content-Type header, or {@code null}
 * @param etag the ETag header as sent (quotes and {@code W/} kept), for the next If-None-Match
 * @param lastModified the Last-Modified header, for the next If-Modified-Since
 * @param retryAfter the Retry-After header as a delay from now, or {@code null}
 * @param maxAge the Cache-Control max-age, or {@code null}
 * @param finalUrl where the body came from after redirects: the base for relative links
 */
record FetchResult(
        int status,
        byte[] body,
        String contentType,
        String etag,
        Instant lastModified,
        Duration retryAfter,
        Duration maxAge,
        URI finalUrl) {

    boolean notModified() {
        return status == 304;
    }
}
