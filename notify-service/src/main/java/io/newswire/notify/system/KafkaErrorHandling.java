package io.newswire.notify.system;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.Assert;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The one error handler of every listener in the service (Boot applies the bean to its container
 * factory): a failed record is retried with growing waits, then published to its dead-letter
 * topic ({@link DeadLetterTopic}) and skipped, so one bad record never blocks its partition. A
 * record whose value could not be deserialized is not retried (the outcome would not change) and
 * goes to the dead-letter topic with its original bytes. Once a dead letter is on its topic, the
 * features' {@link AfterDeadLetter} hooks run, so giving up also shows in their own state. A
 * record a listener left because the instance is stopping ({@link StoppedForShutdownException})
 * is never dead-lettered: it is retried until the container stops, and redone after the restart.
 * A feature may time the retries of its own failures ({@link RecordBackOff}: the social dispatcher
 * waits as long as a platform's 429 asked).
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer deadLetters, RetryProperties retry,
            ObjectProvider<AfterDeadLetter> afterDeadLetter, ObjectProvider<RecordBackOff> featureBackOffs) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, failure) -> {
            // Publishing first: if the dead letter cannot be written, the recoverer fails, the
            // record is retried, and no feature has marked anything as given up.
            deadLetters.accept(record, consumer, failure);
            afterDeadLetter.orderedStream().forEach(hook -> hook.deadLettered(record, failure));
        };
        // DeserializationException is among the default not-retryable exceptions.
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
        // The handler sees the listener's own exception (unwrapped). A shutdown is no failure of the
        // record: its retries must not use up the budget, and the stopping container ends the wait.
        // A feature may time its own failures (a platform's 429 says how long to wait); null: the default.
        errorHandler.setBackOffFunction((record, failure) -> failure instanceof StoppedForShutdownException
                ? new FixedBackOff(retry.initialInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)
                : featureBackOffs.orderedStream()
                        .map(feature -> feature.backOffFor(record, failure))
                        .filter(featureBackOff -> featureBackOff != null)
                        .findFirst()
                        .orElse(null));
        return errorHandler;
    }

    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaOperations<?, ?> kafka) {
        return new DeadLetterPublishingRecoverer(kafka, (record, ex) -> {
            // The container sets the group on its consumer thread, where the error handler runs.
            String group = KafkaUtils.getConsumerGroupId();
            Assert.state(group != null, "Dead-lettering outside a listener container thread");
            // Partition -1: the producer picks one, so the dead-letter topic needs no more
            // partitions than it has records to hold.
            return new TopicPartition(DeadLetterTopic.nameFor(record.topic(), group), -1);
        });
    }

    /**
     * The service produces dead letters and the newsletter's fan-out work records. A record that
     * failed deserialization has only its raw bytes, which must reach the dead-letter topic
     * unchanged; a record that failed in a listener has its deserialized value, and a work record
     * is a plain record: both are written as JSON without type headers.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer deadLetterValueSerializer() {
        return factory -> {
            @SuppressWarnings("unchecked")
            DefaultKafkaProducerFactory<Object, Object> producerFactory = (DefaultKafkaProducerFactory<Object, Object>) factory;
            producerFactory.setValueSerializerSupplier(KafkaErrorHandling::valueSerializer);
        };
    }

    static Serializer<Object> valueSerializer() {
        // Tried in order: raw bytes as they are, anything else as JSON.
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>().noTypeInfo());
        return new DelegatingByTypeSerializer(byType, true);
    }
}
