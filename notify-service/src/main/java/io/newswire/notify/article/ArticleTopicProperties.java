package io.newswire.notify.article;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notify declares the topics it reads and dead-letters to, so it can start before ingest has
 * created {@code newswire.articles}. The article topic's settings must match ingest's.
 *
 * @param partitions           partitions of {@code newswire.articles}; they bound how many
 *                             notify instances share the work
 * @param replicas             replication factor of both topics
 * @param deadLetterPartitions partitions of the dead-letter topic; dead letters are rare and
 *                             the producer picks the partition, so one is enough
 * @param concurrency          consumer threads of {@link ArticleListener} per instance (at most the
 *                             partitions); each story's planning waits for the broker's acks, so
 *                             one thread plans a burst of stories one after another
 * @param maxPollRecords       article events one poll of {@link ArticleListener} returns, with one
 *                             offset commit per poll; the service-wide 1 (for newsletter slices,
 *                             which take long) cost a fetch and a synchronous commit per story, a
 *                             fifth of the listener's CPU. An event takes milliseconds and is
 *                             idempotent (a newer version wins, plans are claimed), so a crash
 *                             that redoes a poll's events sends nothing twice
 */
@ConfigurationProperties("newswire.articles")
record ArticleTopicProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("1") int deadLetterPartitions,
        @DefaultValue("1") int concurrency,
        @DefaultValue("20") int maxPollRecords) {
}
