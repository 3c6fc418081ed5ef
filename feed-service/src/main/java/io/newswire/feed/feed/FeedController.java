package io.newswire.feed.feed;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the feeds from {@link RenderedFeeds}. Each answer carries the strong ETag of its bytes;
 * Spring answers a matching {@code If-None-Match} with 304 and no body.
 */
@RestController
class FeedController {

    private static final MediaType RSS = MediaType.parseMediaType(FeedRenderer.RSS_MEDIA_TYPE + ";charset=utf-8");
    private static final MediaType ATOM = MediaType.parseMediaType(FeedRenderer.ATOM_MEDIA_TYPE + ";charset=utf-8");
    // Feed readers poll; a minute of staleness is well within what they expect and spares the service.
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(60));

    private final RenderedFeeds feeds;

    FeedController(RenderedFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping(FeedRenderer.RSS_PATH)
    ResponseEntity<byte[]> rss() {
        return serve(feeds.rss(), RSS);
    }

    @GetMapping(FeedRenderer.ATOM_PATH)
    ResponseEntity<byte[]> atom() {
        return serve(feeds.atom(), ATOM);
    }

    private static ResponseEntity<byte[]> serve(FeedDocument feed, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .eTag(feed.etag())
                .cacheControl(CACHE)
                .body(feed.bytes());
    }
}
