package io.newswire.feed.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleTopic;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.JacksonMapperUtils;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Wiring of the article feature: the topics the service reads and writes, the catalog, and the one
 * error handler every listener container uses.
 */
@Configuration(proxyBeanMethods = false)
class ArticleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArticleConfiguration.class);

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

    /** Tells the rest of the service, as an {@link ArticleTopicReplayed} event, when the replay at start is over. */
    @Bean
    ArticleReplay articleReplay(ArticlePartitions partitions, ApplicationEventPublisher events) {
        return new ArticleReplay(partitions.topicPartitions(), events::publishEvent);
    }

    /**
     * Settings Spring Boot has no property for. Before the first record an idle event means the topic was
     * empty, so it is not held back (by default five idle intervals): the replay of an empty topic is over
     * at once. Offsets are committed without blocking the poll loop: they are never read back (every start
     * reads from offset 0), and only serve lag tooling.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> articleContainer() {
        return container -> {
            container.getContainerProperties().setIdleBeforeDataMultiplier(1.0);
            container.getContainerProperties().setSyncCommits(false);
            // A commit that failed is harmless (nothing reads it back) and the next one covers it, so no
            // ERROR with a stack trace, as Spring Kafka's default callback logs: on a fresh broker the
            // first one, at shutdown, often finds no coordinator yet.
            container.getContainerProperties().setCommitCallback((offsets, ex) -> {
                if (ex != null) {
                    log.info("Offsets of {} partitions not committed (only lag tooling reads them): {}",
                            offsets.size(), ex.toString());
                }
            });
        };
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
     * Decodes each record's value, the JSON of an {@link Article} by the contract: never by Java class names
     * in headers, and ignoring properties it does not know (Spring Kafka's mapper leaves
     * FAIL_ON_UNKNOWN_PROPERTIES off), so the schema can grow. Instants in ingest's form skip Jackson's
     * formatter ({@link UtcInstantDeserializer}), the costliest part of decoding the replay at start. A value
     * that cannot be decoded reaches the error handler, which sends it to the dead-letter topic.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer articleValueDeserializer() {
        JsonMapper mapper = JacksonMapperUtils.enhancedJsonMapper().rebuild()
                .addModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstantDeserializer()))
                .build();
        ErrorHandlingDeserializer<Article> values = new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(Article.class, mapper, false));
        return factory -> valueDeserializer(factory, values);
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
    private static void valueDeserializer(DefaultKafkaConsumerFactory<?, ?> factory,
            ErrorHandlingDeserializer<Article> values) {
        ((DefaultKafkaConsumerFactory<Object, Article>) factory).setValueDeserializer(values);
    }

    @SuppressWarnings("unchecked")
    private static void valueSerializer(DefaultKafkaProducerFactory<?, ?> factory, DelegatingByTypeSerializer values) {
        ((DefaultKafkaProducerFactory<Object, Object>) factory).setValueSerializer(values);
    }
}
