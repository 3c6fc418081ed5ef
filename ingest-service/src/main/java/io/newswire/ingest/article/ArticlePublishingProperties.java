package io.newswire.ingest.article;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ingest publishes article events.
 *
 * @param source         the CloudEvents {@code source} of every event ingest publishes
 * @param publishTimeout the longest a request waits for the broker's acknowledgement before it
 *                       answers 503; keep it above the producer's {@code delivery.timeout.ms} so
 *                       that a 503 means the record was given up, not merely still in flight
 * @param topic          how ingest declares {@code newswire.articles} when it does not exist
 * @param idempotencyKeyRetention how long an Idempotency-Key's answer is remembered
 * @param embedHosts     hosts whose https iframes (video and audio players) an article body may keep
 */
@ConfigurationProperties("newswire.ingest")
record ArticlePublishingProperties(
        @DefaultValue("urn:newswire:ingest") URI source,
        @DefaultValue("8s") Duration publishTimeout,
        @DefaultValue Topic topic,
        @DefaultValue("24h") Duration idempotencyKeyRetention,
        @DefaultValue({"www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com"}) Set<String> embedHosts) {

    /** Partitions bound how many instances of a consumer group share the work. */
    record Topic(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas) {
    }
}
