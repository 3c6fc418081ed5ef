package io.newswire.feed.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.events.ArticleTopic;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.stereotype.Component;

/**
 * Hands each record of {@code newswire.articles} to the {@link ArticleCatalog}, and tells the
 * {@link ArticleReplay} how far the replay at start has come.
 *
 * <p>Every partition is assigned to this one listener and read from the start at every start:
 * each instance rebuilds the whole catalog from the compacted topic, and no instance depends on
 * committed offsets or on sharing partitions with other members of its group.
 */
@Component
class ArticleListener {

    /** The listener container's id, to look it up in the registry. */
    static final String ID = "feed-articles";

    private static final Logger log = LoggerFactory.getLogger(ArticleListener.class);

    private final ArticleCatalog catalog;
    private final ArticleReplay replay;

    ArticleListener(ArticleCatalog catalog, ArticleReplay replay) {
        this.catalog = catalog;
        this.replay = replay;
    }

    // Offset 0 may be gone from a compacted log; auto.offset.reset=earliest then moves to the first one kept.
    // Several consumers, each assigned a share of the partitions: an article's events share a partition,
    // so each article's events are still applied in order. The replay is over when all of them are idle.
    @KafkaListener(id = ID, idIsGroup = false, concurrency = "#{@articlePartitions.consumers()}", topicPartitions = @TopicPartition(topic = ArticleTopic.NAME,
            partitions = "#{@articlePartitions.all()}",
            partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
    void on(ConsumerRecord<String, Article> record, Consumer<?, ?> consumer) {
        apply(record);
        // Only once the record is applied: a record that failed is counted by its consumer's position instead.
        replay.read(record, consumer);
    }

    // Published on the consumer's own thread, so its Kafka consumer may be asked for offsets.
    @EventListener(condition = "event.listenerId.startsWith('" + ID + "')")
    void on(ListenerContainerIdleEvent event) {
        replay.idle(event.getConsumer());
    }

    private void apply(ConsumerRecord<String, Article> record) {
        Article article = record.value();
        if (article == null) {
            catalog.forget(record.key());
            log.debug("Article {} was deleted from the topic", record.key());
            return;
        }
        if (record.key() != null && !record.key().equals(article.id())) {
            throw new InvalidArticleException("Article " + article.id() + " is keyed " + record.key());
        }
        String ceType = header(record, ArticleTopic.CE_TYPE);
        Optional<ArticleEventType> type = Optional.ofNullable(ceType).flatMap(ArticleEventType::fromCeType);
        if (type.isEmpty()) {
            // A type added to the contract later is not an error: this service has nothing to do for it.
            log.info("Skipped {}-{}@{}: unknown ce_type {}", record.topic(), record.partition(), record.offset(),
                    ceType);
            return;
        }
        ArticleCatalog.Outcome outcome = catalog.apply(type.get(), article);
        log.debug("{} article {} version {}: {}", type.get().ceType(), article.id(), article.version(), outcome);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
