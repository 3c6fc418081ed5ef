package io.newswire.feed.feed;

import java.net.URI;
import java.util.Collection;

/**
 * The port through which the feed feature tells the world that feeds changed: called with the
 * public ({@code rel="self"}) URLs of every feed whose bytes changed. WebSub's hub announcer is
 * its adapter.
 */
public interface FeedChanges {

    void changed(Collection<URI> feedUrls);
}
