package io.newswire.notify.newsletter;

import io.newswire.notify.branding.EmailTemplatesFixture;
import io.newswire.notify.subscription.SubscriberLinks;
import io.newswire.notify.subscription.SubscriberTokens;
import java.time.Clock;
import java.time.Duration;

/** A {@link StoryEmail} as the service builds it, with the default brand and links to https://news.example. */
final class StoryEmailFixture {

    static final String TOKEN_SECRET = "test-secret-for-subscriber-links-0123456789";

    private StoryEmailFixture() {
    }

    static StoryEmail storyEmail(NewsletterProperties properties) {
        return new StoryEmail(properties, EmailTemplatesFixture.templates(), links());
    }

    static SubscriberLinks links() {
        return new SubscriberLinks(EmailTemplatesFixture.PUBLIC_BASE_URL, new SubscriberTokens(TOKEN_SECRET, Clock.systemUTC()), Duration.ofDays(7), Clock.systemUTC());
    }
}
