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
import org.springframework.stereotype.Component;

/**
 * Publishes one article change as one CloudEvent (Kafka binary mode) and returns only once the
 * broker has acknowledged it: the acknowledgement is the single source of truth, so there is
 * nothing to keep in step with a database.
 */
@Component
class ArticleEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(ArticleEventPublisher.class);

    private final KafkaTemplate<String, Article> kafka;
    private final ArticlePublishingProperties properties;
    private final Clock clock;

    ArticleEventPublisher(KafkaTemplate<String, Article> kafka, ArticlePublishingProperties properties, Clock clock) {
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends the event and waits for the broker's acknowledgement.
     *
     * @return the CloudEvents id of the published event
     * @throws BrokerUnavailableException when the broker did not acknowledge in time
     */
    String publish(ArticleEventType type, Article article) {
        String eventId = UUID.randomUUID().toString();
        ProducerRecord<String, Article> record = new ProducerRecord<>(ArticleTopic.NAME, article.id(), article);
        Headers headers = record.headers();
        header(headers, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(headers, ArticleTopic.CE_ID, eventId);
        header(headers, ArticleTopic.CE_SOURCE, properties.source().toString());
        header(headers, ArticleTopic.CE_TYPE, type.ceType());
        header(headers, ArticleTopic.CE_TIME, DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        header(headers, ArticleTopic.CE_SUBJECT, article.id());
        header(headers, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        try {
            var result = kafka.send(record).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Published {} for article {} version {} at {}-{}@{}", type.ceType(), article.id(),
                    article.version(), ArticleTopic.NAME, result.getRecordMetadata().partition(),
                    result.getRecordMetadata().offset());
            return eventId;
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
