package io.newswire.notify.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.events.ArticleTopic;
import io.newswire.notify.newsletter.Stories;
import io.newswire.notify.newsletter.StoryFanOut;
import io.newswire.notify.social.SocialFanOut;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Adapts article events on {@code newswire.articles} to the newsletter: every snapshot is recorded
 * in {@link Stories} (a retraction stops a fan-out in progress; digests are made from them), and a
 * published story's fan-out is planned by {@link StoryFanOut}. Updates and retractions send
 * nothing (a story is mailed once, when it is published, never again because it changed).
 * Each event is also handed to {@link SocialFanOut}, which plans posts, edits and deletes.
 */
@Component
class ArticleListener {

    /** Every notify instance joins this group; the group shares the topic's partitions. */
    static final String GROUP = "notify-service";

    private static final Logger log = LoggerFactory.getLogger(ArticleListener.class);

    private final Stories stories;
    private final StoryFanOut fanOut;
    private final SocialFanOut social;

    ArticleListener(Stories stories, StoryFanOut fanOut, SocialFanOut social) {
        this.stories = stories;
        this.fanOut = fanOut;
        this.social = social;
    }

    @KafkaListener(topics = ArticleTopic.NAME, groupId = GROUP, concurrency = "${newswire.articles.concurrency:1}",
            properties = "max.poll.records=${newswire.articles.max-poll-records:20}")
    void on(ConsumerRecord<String, Article> record) {
        Article article = record.value();
        if (article == null) {
            // A tombstone: the topic is compacted and an article may one day be deleted from it.
            return;
        }
        Optional<ArticleEventType> type = header(record, ArticleTopic.CE_TYPE).flatMap(ArticleEventType::fromCeType);
        if (type.isEmpty()) {
            // Newer producers may add event types; the contract says to ignore what we do not know.
            log.warn("Ignoring record for article {} at {}-{}@{}: unknown ce_type {}", record.key(), record.topic(),
                    record.partition(), record.offset(), header(record, ArticleTopic.CE_TYPE).orElse("(none)"));
            return;
        }
        Instant recordedAt = Instant.ofEpochMilli(record.timestamp());
        // Recorded first: the fan-out reads the story from the store.
        stories.record(type.get(), article, recordedAt);
        if (type.get() == ArticleEventType.PUBLISHED) {
            fanOut.storyPublished(article, recordedAt);
        }
        switch (type.get()) {
            case PUBLISHED -> social.storyPublished(article, recordedAt);
            case UPDATED -> social.storyUpdated(article);
            case RETRACTED -> social.storyRetracted(article);
        }
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
