package io.newswire.feed.feed;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link FeedChanges} ports which feeds changed, once per batch of catalog changes.
 *
 * <p>Each {@link #check()} compares what every feed is made from ({@link RenderedFeeds#fingerprints()})
 * with what it saw last and reports the self URLs of those that differ, including feeds that
 * appeared or disappeared. A change to the catalog that leaves a feed as it was (an update of an
 * article outside it) is not reported for it. Nothing is rendered for a check: hubs fetch what
 * they are told changed, and only then is it rendered. Until {@link #caughtUp()}, checks only take note: the replay of the
 * topic at start rebuilds feeds that hubs already have, and announcing them would be noise.
 */
class FeedChangeWatch {

    private static final Logger log = LoggerFactory.getLogger(FeedChangeWatch.class);

    private final RenderedFeeds feeds;
    private final Supplier<Stream<FeedChanges>> ports;
    private boolean caughtUp;
    private long revision = -1;
    private Map<URI, RenderedFeeds.Fingerprint> fingerprints = Map.of();

    /** {@code ports}: asked at each report, so that no adapter at all is fine. */
    FeedChangeWatch(RenderedFeeds feeds, Supplier<Stream<FeedChanges>> ports) {
        this.feeds = feeds;
        this.ports = ports;
    }

    /** The catalog has read the topic to its end once: from now on changes are reported. */
    synchronized void caughtUp() {
        if (!caughtUp) {
            note();
            caughtUp = true;
        }
    }

    /** Whether the replay at start is over, so that feeds are complete and changes are reported. */
    synchronized boolean isCaughtUp() {
        return caughtUp;
    }

    /** Reports the feeds changed since the last check, if the catalog changed at all. */
    synchronized void check() {
        // During the replay nothing is reported, and noting every feed at each check would rebuild the
        // directory for a catalog still growing (seconds of CPU over 100,000 stories); caughtUp() notes
        // them once, at the end.
        if (!caughtUp) {
            return;
        }
        Set<URI> changed = note();
        if (changed.isEmpty()) {
            return;
        }
        List<URI> urls = List.copyOf(changed);
        ports.get().filter(Objects::nonNull).forEach(port -> {
            try {
                port.changed(urls);
            }
            catch (RuntimeException ex) {
                // One failing adapter must not keep the others from hearing; retries are the adapter's business.
                log.warn("{} failed to take {} changed feeds", port, urls.size(), ex);
            }
        });
    }

    /** Takes note of every feed's fingerprint if the catalog changed, and returns the self URLs of those that changed. */
    private Set<URI> note() {
        if (feeds.revision() == revision) {
            return Set.of();
        }
        revision = feeds.revision();
        Map<URI, RenderedFeeds.Fingerprint> now = feeds.fingerprints();
        Set<URI> changed = new LinkedHashSet<>();
        now.forEach((url, fingerprint) -> {
            if (!fingerprint.equals(fingerprints.get(url))) {
                changed.add(url);
            }
        });
        fingerprints.keySet().stream().filter(url -> !now.containsKey(url)).forEach(changed::add);
        fingerprints = now;
        return changed;
    }
}
