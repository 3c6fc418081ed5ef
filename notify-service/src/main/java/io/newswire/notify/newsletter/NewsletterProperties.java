package io.newswire.notify.newsletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The newsletter: who it comes from, how its messages are identified, and how the dispatcher
 * walks the subscriber list.
 *
 * @param publisherName   display name in From and List-Id
 * @param fromAddress     the From address
 * @param replyToAddress  where replies go
 * @param messageIdDomain right-hand side of every Message-ID, and of the List-Id ({@code newsletter.<domain>})
 * @param pageSize        confirmed subscribers read per query; the list is never loaded whole
 * @param staleAfter      a published event recorded longer ago than this is not mailed: the topic is
 *                        compacted and read from the earliest offset, so a new consumer group would
 *                        otherwise mail every story still on it
 */
@ConfigurationProperties("newswire.newsletter")
public record NewsletterProperties(
        @DefaultValue("Newswire") String publisherName,
        @DefaultValue("newsroom@newswire.local") String fromAddress,
        @DefaultValue("newsroom@newswire.local") String replyToAddress,
        @DefaultValue("newswire.local") String messageIdDomain,
        @DefaultValue("500") int pageSize,
        @DefaultValue("24h") Duration staleAfter) {

    public NewsletterProperties {
        Assert.isTrue(pageSize > 0, "newswire.newsletter.page-size must be positive");
        Assert.isTrue(!staleAfter.isNegative() && !staleAfter.isZero(), "newswire.newsletter.stale-after must be positive");
    }
}
