package io.newswire.feed.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleTopic;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Wiring of the article feature: the topics the service reads and writes, the catalog, and the one
 * error handler every listener container uses.
 */
@Configuration(proxyBeanMethods = false)
class ArticleConfiguration {

    /** Where records the service cannot use end up, with the original bytes and the reason in headers. */
    static final String DEAD_LETTER_TOPIC = ArticleTopic.NAME + ".feed-service.dlt";

    /** Ingest owns the topic; declaring it too lets this service start first on an empty broker. */
    @Bean
    NewTopic articleTopic(ArticleProperties properties) {
        return TopicBuilder.name(ArticleTopic.NAME)
                .partitions(properties.topic().partitions())
                .replicas(properties.topic().replicas())
                // Compacted: the latest snapshot of every article stays, which is what the catalog is rebuilt from.
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    @Bean
    NewTopic deadLetterTopic(ArticleProperties properties) {
        return TopicBuilder.name(DEAD_LETTER_TOPIC)
                .partitions(properties.deadLetter().partitions())
                .replicas(properties.deadLetter().replicas())
                .build();
    }

    @Bean
    ArticlePartitions articlePartitions(KafkaAdmin admin, ArticleProperties properties) {
        return new ArticlePartitions(admin, ArticleTopic.NAME, properties.topic().partitions(), properties.consumers());
    }

    @Bean
    ArticleCatalog articleCatalog() {
        return new ArticleCatalog();
    }

    /**
     * Retries a record the catalog failed on with a growing back-off, then publishes it to the
     * dead-letter topic and moves on. A record that could not be deserialized, or that breaks the
     * contract, is not retried: the same bytes would fail the same way.
     */
    @Bean
    DefaultErrorHandler articleErrorHandler(KafkaOperations<?, ?> kafkaTemplate, ArticleProperties properties) {
        // Partition -1: the producer picks one by key, whatever the dead-letter topic's partition count.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, ex) -> new TopicPartition(DEAD_LETTER_TOPIC, -1));
        ArticleProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // DeserializationException is already among the defaults that are never retried.
        handler.addNotRetryableExceptions(InvalidArticleException.class);
        handler.setRetryListeners(new DeadLetterLog());
        return handler;
    }

    /**
     * The service produces nothing but dead letters, so its one producer writes their values: the
     * original bytes of a record that could not be deserialized, or the JSON of an article the
     * catalog refused.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer deadLetterValueSerializer() {
        JacksonJsonSerializer<Article> json = new JacksonJsonSerializer<>();
        // The contract is the JSON and the ce_* headers; never Java class names.
        json.setAddTypeInfo(false);
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(
                Map.<Class<?>, Serializer<?>>of(byte[].class, new ByteArraySerializer(), Article.class, json));
        return factory -> valueSerializer(factory, values);
    }

    /** Says in the log what the error handler does, since it otherwise recovers silently. */
    private static final class DeadLetterLog implements RetryListener {

        private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            log.warn("Attempt {} at {}-{}@{} failed: {}", deliveryAttempt, record.topic(), record.partition(),
                    record.offset(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
            log.error("Gave up on {}-{}@{} (key {}); it is on {}", record.topic(), record.partition(), record.offset(),
                    record.key(), DEAD_LETTER_TOPIC);
        }
    }

    @SuppressWarnings("unchecked")
    private static void valueSerializer(DefaultKafkaProducerFactory<?, ?> factory, DelegatingByTypeSerializer values) {
        ((DefaultKafkaProducerFactory<Object, Object>) factory).setValueSerializer(values);
    }
}
