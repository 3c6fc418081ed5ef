package io.newswire.notify.newsletter;

import io.newswire.notify.subscription.SubscriberTokens;
import io.newswire.notify.subscription.SubscriptionProperties;
import java.net.URI;
import java.util.UUID;

/**
 * A subscriber's own links, as every email carries them: signed, naming the subscriber and one
 * purpose, and never expiring (a reader may use the link in a years-old email).
 */
public class SubscriberLinks {

    private final SubscriberTokens tokens;
    private final URI base;

    public SubscriberLinks(SubscriberTokens tokens, SubscriptionProperties subscriptions) {
        this.tokens = tokens;
        // Resolved as a directory, so a base behind a proxy's path prefix keeps its prefix.
        URI publicBaseUrl = subscriptions.publicBaseUrl();
        String path = publicBaseUrl.getRawPath();
        this.base = path != null && path.endsWith("/") ? publicBaseUrl : URI.create(publicBaseUrl + "/");
    }

    /** The one-click unsubscribe link (also the List-Unsubscribe header). */
    public URI unsubscribe(UUID subscriber) {
        return base.resolve("unsubscribe?token=" + tokens.issue(subscriber, SubscriberTokens.Purpose.UNSUBSCRIBE, null));
    }

    /** The page where the subscriber chooses topics and frequency. */
    public URI preferences(UUID subscriber) {
        return base.resolve("preferences?token=" + tokens.issue(subscriber, SubscriberTokens.Purpose.PREFERENCES, null));
    }
}
