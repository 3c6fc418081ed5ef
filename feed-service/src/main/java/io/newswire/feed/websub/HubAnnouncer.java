package io.newswire.feed.websub;

import io.newswire.feed.feed.FeedChanges;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSub, publisher side: tells each configured hub that a feed changed
 * ({@code hub.mode=publish&hub.url=...}, form-encoded), so subscribers get the story pushed
 * instead of waiting for their next poll. Announcements run off the caller's thread; a failed one
 * is retried with a growing back-off, and one still pending for the same hub and feed is not
 * queued twice (the hub fetches the feed's latest bytes anyway).
 */
class HubAnnouncer implements FeedChanges, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubAnnouncer.class);

    private final WebSubProperties properties;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    HubAnnouncer(WebSubProperties properties, HttpClient http, ScheduledExecutorService executor) {
        this.properties = properties;
        this.http = http;
        this.executor = executor;
    }

    @Override
    public void changed(Collection<URI> feedUrls) {
        for (URI hub : properties.hubs()) {
            for (URI feed : feedUrls) {
                if (pending.add(hub + " " + feed)) {
                    executor.execute(() -> announce(hub, feed, 1));
                }
            }
        }
    }

    private void announce(URI hub, URI feed, int attempt) {
        // Taken off the pending set before sending: a change arriving meanwhile gets its own announcement.
        pending.remove(hub + " " + feed);
        String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feed.toString(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(hub)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                log.debug("Announced {} to hub {}", feed, hub);
                return;
            }
            retry(hub, feed, attempt, "HTTP " + status);
        }
        catch (IOException ex) {
            retry(hub, feed, attempt, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void retry(URI hub, URI feed, int attempt, String failure) {
        if (attempt >= properties.maxAttempts()) {
            log.warn("Giving up announcing {} to hub {} after {} attempts: {}", feed, hub, attempt, failure);
            return;
        }
        Duration wait = backOff(attempt);
        log.info("Announcing {} to hub {} failed ({}); attempt {} in {}", feed, hub, failure, attempt + 1, wait);
        executor.schedule(() -> announce(hub, feed, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** initialBackOff × 2^(attempt-1), capped at maxBackOff. */
    Duration backOff(int attempt) {
        Duration wait = properties.initialBackOff().multipliedBy(1L << Math.min(attempt - 1, 30));
        return wait.compareTo(properties.maxBackOff()) > 0 ? properties.maxBackOff() : wait;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
