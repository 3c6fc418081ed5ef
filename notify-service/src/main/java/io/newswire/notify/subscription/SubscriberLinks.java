package io.newswire.notify.subscription;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The signed links a subscriber is given, absolute (for emails) under the public base URL. */
class SubscriberLinks {

    private final URI publicBaseUrl;
    private final SubscriberTokens tokens;
    private final Duration confirmationLifetime;
    private final Clock clock;

    SubscriberLinks(URI publicBaseUrl, SubscriberTokens tokens, Duration confirmationLifetime, Clock clock) {
        this.publicBaseUrl = publicBaseUrl;
        this.tokens = tokens;
        this.confirmationLifetime = confirmationLifetime;
        this.clock = clock;
    }

    /** A confirmation link: works for the confirmation lifetime, then the signup is swept away. */
    URI confirm(UUID subscriber) {
        String token = tokens.issue(subscriber, SubscriberTokens.Purpose.CONFIRM, clock.instant().plus(confirmationLifetime));
        return publicBaseUrl.resolve("/subscribe/confirm?token=" + token);
    }

    URI preferences(UUID subscriber) {
        return publicBaseUrl.resolve("/preferences?token=" + preferencesToken(subscriber));
    }

    /** Preferences links never expire, like unsubscribe links: a reader may keep the email for years. */
    String preferencesToken(UUID subscriber) {
        return tokens.issue(subscriber, SubscriberTokens.Purpose.PREFERENCES, null);
    }

    String unsubscribeToken(UUID subscriber) {
        return tokens.issue(subscriber, SubscriberTokens.Purpose.UNSUBSCRIBE, null);
    }
}
