package io.newswire.feed.article;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the feed service reads {@code newswire.articles}.
 *
 * @param topic      how the service declares the article topic if it starts before ingest
 * @param deadLetter how it declares its own dead-letter topic
 * @param retry      the back-off between attempts at a record the catalog failed on
 * @param consumers  how many consumers of this instance read the topic, each a share of its
 *                   partitions: the replay at start is mostly JSON decoding, which they do in parallel
 */
@ConfigurationProperties("newswire.articles")
record ArticleProperties(
        @DefaultValue Topic topic,
        @DefaultValue DeadLetterTopic deadLetter,
        @DefaultValue Retry retry,
        @DefaultValue("2") int consumers) {

    ArticleProperties {
        if (consumers < 1) {
            throw new IllegalArgumentException("newswire.articles.consumers must be at least 1");
        }
    }

    /** Partitions bound how many instances of a consumer group could share the work; ingest uses the same. */
    record Topic(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas) {
    }

    /** One partition by default: dead letters are rare and read by people, in the order they failed. */
    record DeadLetterTopic(@DefaultValue("1") int partitions, @DefaultValue("1") short replicas) {
    }

    /**
     * Attempts after the first, and a wait that grows by {@code multiplier} from
     * {@code initialInterval} up to {@code maxInterval}; then the record goes to the dead-letter topic.
     */
    record Retry(
            @DefaultValue("4") int maxRetries,
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration maxInterval) {
    }
}
