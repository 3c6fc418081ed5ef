package io.newswire.notify.subscription;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The signed links a subscriber is given, absolute (for emails) under the public base URL: each
 * names the subscriber and one purpose. Unsubscribe and preferences links never expire (a reader
 * may use the link in a years-old email); confirmation links last the confirmation lifetime.
 */
public class SubscriberLinks {

    private final URI publicBaseUrl;
    private final SubscriberTokens tokens;
    private final Duration confirmationLifetime;
    private final Clock clock;

    public SubscriberLinks(URI publicBaseUrl, SubscriberTokens tokens, Duration confirmationLifetime, Clock clock) {
        // Resolved as a directory, so a base behind a proxy's path prefix keeps its prefix.
        String path = publicBaseUrl.getRawPath();
        this.publicBaseUrl = path != null && path.endsWith("/") ? publicBaseUrl : URI.create(publicBaseUrl + "/");
        this.tokens = tokens;
        this.confirmationLifetime = confirmationLifetime;
        this.clock = clock;
    }

    /** A confirmation link: works for the confirmation lifetime, then the signup is swept away. */
    URI confirm(UUID subscriber) {
        String token = tokens.issue(subscriber, SubscriberTokens.Purpose.CONFIRM, clock.instant().plus(confirmationLifetime));
        return publicBaseUrl.resolve("subscribe/confirm?token=" + token);
    }

    /** The page where the subscriber chooses topics and frequency, or leaves. */
    public URI preferences(UUID subscriber) {
        return publicBaseUrl.resolve("preferences?token=" + preferencesToken(subscriber));
    }

    /** Preferences links never expire, like unsubscribe links: a reader may keep the email for years. */
    String preferencesToken(UUID subscriber) {
        return tokens.issue(subscriber, SubscriberTokens.Purpose.PREFERENCES, null);
    }

    /** The one-click unsubscribe link (also the List-Unsubscribe header). */
    public URI unsubscribe(UUID subscriber) {
        return publicBaseUrl.resolve("unsubscribe?token=" + unsubscribeToken(subscriber));
    }

    String unsubscribeToken(UUID subscriber) {
        return tokens.issue(subscriber, SubscriberTokens.Purpose.UNSUBSCRIBE, null);
    }
}
