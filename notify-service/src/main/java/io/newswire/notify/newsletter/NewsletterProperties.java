package io.newswire.notify.newsletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The newsletter: who it comes from, how its messages are identified, how the dispatcher walks
 * the subscriber list, how fast it sends and how a story's fan-out is split between instances.
 *
 * @param publisherName   display name in From and List-Id
 * @param fromAddress     the From address
 * @param replyToAddress  where replies go
 * @param messageIdDomain right-hand side of every Message-ID, and of the List-Id ({@code newsletter.<domain>})
 * @param pageSize        confirmed subscribers read per query; the list is never loaded whole
 * @param staleAfter      a published event recorded longer ago than this is not mailed: the topic is
 *                        compacted and read from the earliest offset, so a new consumer group would
 *                        otherwise mail every story still on it
 * @param throttle        how fast one instance sends
 * @param fanOut          how a story's fan-out is cut into work the instances share
 */
@ConfigurationProperties("newswire.newsletter")
public record NewsletterProperties(
        @DefaultValue("Newswire") String publisherName,
        @DefaultValue("newsroom@newswire.local") String fromAddress,
        @DefaultValue("newsroom@newswire.local") String replyToAddress,
        @DefaultValue("newswire.local") String messageIdDomain,
        @DefaultValue("500") int pageSize,
        @DefaultValue("24h") Duration staleAfter,
        @DefaultValue Throttle throttle,
        @DefaultValue FanOut fanOut) {

    @ConstructorBinding
    public NewsletterProperties {
        Assert.isTrue(pageSize > 0, "newswire.newsletter.page-size must be positive");
        Assert.isTrue(!staleAfter.isNegative() && !staleAfter.isZero(), "newswire.newsletter.stale-after must be positive");
    }

    /** The defaults for sending and fan-out; for tests of the parts that do not use them. */
    public NewsletterProperties(String publisherName, String fromAddress, String replyToAddress, String messageIdDomain,
            int pageSize, Duration staleAfter) {
        this(publisherName, fromAddress, replyToAddress, messageIdDomain, pageSize, staleAfter,
                new Throttle(100, 4), new FanOut(16, 12, (short) 1, 2, Duration.ofSeconds(30)));
    }

    /**
     * The send rate of one instance. Both limits are per instance (each has its own token bucket
     * and its own connections), so a deployment's total is these times the number of instances.
     *
     * @param messagesPerSecond emails handed to the SMTP server per second, at most (a token bucket
     *                          holding one second's worth, so a burst never exceeds it)
     * @param smtpConnections   SMTP connections kept open and reused, and as many sending threads
     */
    record Throttle(@DefaultValue("100") double messagesPerSecond, @DefaultValue("4") int smtpConnections) {

        Throttle {
            Assert.isTrue(messagesPerSecond > 0, "newswire.newsletter.throttle.messages-per-second must be positive");
            Assert.isTrue(smtpConnections > 0, "newswire.newsletter.throttle.smtp-connections must be positive");
        }
    }

    /**
     * How one story's fan-out becomes work records on {@code newswire.newsletter.work}.
     *
     * @param slices       work records per story, each a range of subscriber ids; more slices spread a
     *                     story over more instances and keep each record short: a slice must be sent
     *                     within {@code max.poll.interval.ms} at the rate one consumer thread gets
     * @param partitions   partitions of the work topic; they bound how many consumer threads, across
     *                     all instances, work on fan-outs at once
     * @param replicas     replication factor of the work topic and its dead-letter topic
     * @param concurrency  consumer threads per instance on the work topic (they share the instance's throttle)
     * @param drainTimeout on shutdown, how long to wait for the emails being sent to finish and be recorded
     */
    record FanOut(
            @DefaultValue("16") int slices,
            @DefaultValue("12") int partitions,
            @DefaultValue("1") short replicas,
            @DefaultValue("2") int concurrency,
            @DefaultValue("30s") Duration drainTimeout) {

        FanOut {
            Assert.isTrue(slices > 0, "newswire.newsletter.fan-out.slices must be positive");
            Assert.isTrue(partitions > 0, "newswire.newsletter.fan-out.partitions must be positive");
            Assert.isTrue(concurrency > 0, "newswire.newsletter.fan-out.concurrency must be positive");
        }
    }
}
