package io.newswire.notify.subscription;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Subscriber links: how they are signed and where they point.
 *
 * @param tokenSecret    the HMAC key of every subscriber link; at least 32 characters, the same on
 *                       every instance, never logged. There is no default: a deployment must choose one.
 * @param publicBaseUrl  the address readers reach notify-service at (https in production), for links in emails
 */
@ConfigurationProperties("newswire.subscriptions")
public record SubscriptionProperties(String tokenSecret, @DefaultValue("http://127.0.0.1:8083") URI publicBaseUrl,
        @DefaultValue("7d") Duration confirmationLifetime) {

    public SubscriptionProperties {
        Assert.isTrue(tokenSecret != null && tokenSecret.length() >= 32,
                "newswire.subscriptions.token-secret must be set to at least 32 characters (NEWSWIRE_SUBSCRIPTIONS_TOKEN_SECRET)");
    }

    // The secret must never reach a log, even through a configuration dump.
    @Override
    public String toString() {
        return "SubscriptionProperties[publicBaseUrl=" + publicBaseUrl + "]";
    }
}
