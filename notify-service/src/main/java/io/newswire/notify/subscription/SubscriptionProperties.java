package io.newswire.notify.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Subscriber links, how they are signed and where they point, and how readers sign up.
 *
 * @param tokenSecret          the HMAC key of every subscriber link; at least 32 characters, the same on
 *                             every instance, never logged. There is no default: a deployment must choose one.
 * @param publicBaseUrl        the address readers reach notify-service at (https in production), for links in emails
 * @param confirmationLifetime how long a confirmation link works; a signup not confirmed by then is deleted
 * @param siteName             the name readers know the newsletter by: page titles, the confirmation email's
 *                             subject and From name
 * @param topics               the categories a reader can choose on the signup and preferences pages (choosing
 *                             none means every story); stored lower-cased, so they match stories' categories
 * @param signupLimit          signups accepted from one client address
 */
@ConfigurationProperties("newswire.subscriptions")
public record SubscriptionProperties(String tokenSecret, @DefaultValue("http://127.0.0.1:8083") URI publicBaseUrl,
        @DefaultValue("7d") Duration confirmationLifetime,
        @DefaultValue("Newswire") String siteName,
        @DefaultValue({"World", "Politics", "Business", "Technology", "Culture", "Sport"}) List<String> topics,
        @DefaultValue SignupLimit signupLimit) {

    public SubscriptionProperties {
        Assert.isTrue(tokenSecret != null && tokenSecret.length() >= 32,
                "newswire.subscriptions.token-secret must be set to at least 32 characters (NEWSWIRE_SUBSCRIPTIONS_TOKEN_SECRET)");
        Assert.isTrue(confirmationLifetime.toMinutes() >= 10,
                "newswire.subscriptions.confirmation-lifetime must be at least 10 minutes");
        Assert.hasText(siteName, "newswire.subscriptions.site-name must not be blank");
        Assert.notEmpty(topics, "newswire.subscriptions.topics must name at least one topic");
        Set<String> seen = new HashSet<>();
        for (String topic : topics) {
            Assert.isTrue(topic != null && !topic.isBlank() && topic.strip().equals(topic) && topic.length() <= 100,
                    "newswire.subscriptions.topics: each topic is a trimmed name of 1 to 100 characters");
            Assert.isTrue(seen.add(topic.toLowerCase(Locale.ROOT)),
                    "newswire.subscriptions.topics names '" + topic + "' twice (topics are compared ignoring case)");
        }
        topics = List.copyOf(topics);
    }

    /**
     * A token bucket per client address: {@code signups} signups at once, refilled evenly over {@code per}.
     *
     * @param signups        how many signups one client address may make in a burst
     * @param per            how long the bucket takes to refill completely
     * @param trackedClients how many client addresses are remembered at most; beyond that the least
     *                       recently seen is forgotten, so memory stays bounded under a flood of addresses
     */
    public record SignupLimit(@DefaultValue("10") int signups, @DefaultValue("10m") Duration per,
            @DefaultValue("10000") int trackedClients) {

        public SignupLimit {
            Assert.isTrue(signups > 0, "newswire.subscriptions.signup-limit.signups must be positive");
            Assert.isTrue(!per.isNegative() && !per.isZero(), "newswire.subscriptions.signup-limit.per must be positive");
            Assert.isTrue(trackedClients > 0, "newswire.subscriptions.signup-limit.tracked-clients must be positive");
        }
    }

    // The secret must never reach a log, even through a configuration dump.
    @Override
    public String toString() {
        return "SubscriptionProperties[publicBaseUrl=" + publicBaseUrl + ", confirmationLifetime=" + confirmationLifetime
                + ", siteName=" + siteName + ", topics=" + topics + ", signupLimit=" + signupLimit + "]";
    }
}
