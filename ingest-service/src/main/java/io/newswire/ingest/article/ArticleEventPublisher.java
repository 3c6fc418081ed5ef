package io.newswire.ingest.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.events.ArticleTopic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.stereotype.Component;

/**
 * Publishes one article change as one CloudEvent (Kafka binary mode) and returns only once the
 * broker has acknowledged it: the acknowledgement is the single source of truth, so there is
 * nothing to keep in step with a database.
 *
 * <p>It serializes the article itself, once, with the same Jackson serializer the producer used
 * to be configured with (so the event bytes are unchanged), sends those bytes and hands them back
 * for the snapshot ingest stores: one JSON pass per write instead of one for the topic and one for
 * the database.
 */
@Component
class ArticleEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(ArticleEventPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final ArticlePublishingProperties properties;
    private final Clock clock;
    private final JacksonJsonSerializer<Article> serializer = new JacksonJsonSerializer<Article>().noTypeInfo();
    private final byte[] source;

    ArticleEventPublisher(KafkaTemplate<String, byte[]> kafka, ArticlePublishingProperties properties, Clock clock) {
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.source = properties.source().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An acknowledged event: its CloudEvents id and the JSON it carried. */
    record Published(String eventId, byte[] json) {
    }

    /**
     * Sends the event and waits for the broker's acknowledgement.
     *
     * @return the CloudEvents id of the published event and its JSON
     * @throws BrokerUnavailableException when the broker did not acknowledge in time
     */
    Published publish(ArticleEventType type, Article article) {
        String eventId = UUID.randomUUID().toString();
        byte[] json = serializer.serialize(ArticleTopic.NAME, article);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleTopic.NAME, article.id(), json);
        Headers headers = record.headers();
        header(headers, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(headers, ArticleTopic.CE_ID, eventId);
        headers.add(ArticleTopic.CE_SOURCE, source);
        header(headers, ArticleTopic.CE_TYPE, type.ceType());
        header(headers, ArticleTopic.CE_TIME, DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        header(headers, ArticleTopic.CE_SUBJECT, article.id());
        header(headers, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        try {
            var result = kafka.send(record).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            // DEBUG, not INFO: one line per story was a measurable share of each request's CPU at
            // newsroom rates; the topic itself is the record of what was published.
            if (log.isDebugEnabled()) {
                log.debug("Published {} for article {} version {} at {}-{}@{}", type.ceType(), article.id(),
                        article.version(), ArticleTopic.NAME, result.getRecordMetadata().partition(),
                        result.getRecordMetadata().offset());
            }
            return new Published(eventId, json);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException(ex);
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            // RuntimeException: KafkaTemplate throws synchronously when metadata cannot be fetched.
            throw new BrokerUnavailableException(ex);
        }
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
