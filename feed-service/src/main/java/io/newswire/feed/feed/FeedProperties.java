package io.newswire.feed.feed;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the feeds say about the site, and where they are served from.
 *
 * @param siteTitle       the channel title
 * @param siteLink        the site's home page, the channel's link
 * @param siteDescription the channel description
 * @param language        BCP 47 tag of the channel's language
 * @param maxItems        how many of the newest articles a feed lists
 * @param publicBaseUrl   the address readers reach this service at, for the feeds' self links;
 *                        behind a proxy it differs from the bind address
 * @param changeCheckInterval how often changed feeds are looked for and reported to {@link FeedChanges};
 *                        changes within one interval are reported together
 */
@ConfigurationProperties("newswire.feed")
record FeedProperties(
        @DefaultValue("Newswire") String siteTitle,
        @DefaultValue("http://127.0.0.1:8082/") URI siteLink,
        @DefaultValue("The latest stories from Newswire.") String siteDescription,
        @DefaultValue("en") String language,
        @DefaultValue("50") int maxItems,
        @DefaultValue("http://127.0.0.1:8082") URI publicBaseUrl,
        @DefaultValue("250ms") Duration changeCheckInterval) {

    FeedProperties {
        if (maxItems < 1) {
            throw new IllegalArgumentException("newswire.feed.max-items must be at least 1, was " + maxItems);
        }
        if (changeCheckInterval.isNegative() || changeCheckInterval.isZero()) {
            throw new IllegalArgumentException("newswire.feed.change-check-interval must be positive");
        }
    }

    /** The absolute URL of a feed served at {@code path}, e.g. {@code /rss.xml}. */
    String selfLink(String path) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
