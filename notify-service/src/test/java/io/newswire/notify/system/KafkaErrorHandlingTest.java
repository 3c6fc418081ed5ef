package io.newswire.notify.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class KafkaErrorHandlingTest {

    private final Serializer<Object> deadLetterValues = KafkaErrorHandling.valueSerializer();
    private final List<String> recovery = new CopyOnWriteArrayList<>();
    private final ConsumerRecord<String, String> record = new ConsumerRecord<>("newswire.newsletter.work", 0, 7, "s/1", "{}");

    @Test
    void recordThatKeepsFailingIsDeadLetteredAfterItsRetriesAndThenTheFeaturesAreTold() {
        DefaultErrorHandler errorHandler = errorHandler();

        assertThat(errorHandler.handleOne(failure(new IllegalStateException("deferred")), record, null, null)).isFalse();
        assertThat(errorHandler.handleOne(failure(new IllegalStateException("deferred")), record, null, null)).isFalse();
        assertThat(recovery).isEmpty();
        assertThat(errorHandler.handleOne(failure(new IllegalStateException("deferred")), record, null, null)).isTrue();

        assertThat(recovery).containsExactly("dead letter", "after dead letter");
    }

    @Test
    void recordLeftBecauseTheInstanceIsStoppingIsNeverDeadLettered() {
        DefaultErrorHandler errorHandler = errorHandler();
        errorHandler.handleOne(failure(new IllegalStateException("deferred")), record, null, null);
        errorHandler.handleOne(failure(new IllegalStateException("deferred")), record, null, null);

        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(errorHandler.handleOne(failure(new StoppedForShutdownException("stopping")), record, null, null))
                    .isFalse();
        }
        assertThat(recovery).isEmpty();
    }

    /** The service's error handler with two retries a millisecond apart; dead letters are noted, not published. */
    private DefaultErrorHandler errorHandler() {
        // Never used to send: accept() is replaced below.
        KafkaTemplate<Object, Object> unused = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(unused) {
            @Override
            public void accept(ConsumerRecord<?, ?> failed, Consumer<?, ?> consumer, Exception exception) {
                recovery.add("dead letter");
            }
        };
        StaticListableBeanFactory hooks = new StaticListableBeanFactory();
        hooks.addBean("hook", (AfterDeadLetter) (failed, exception) -> recovery.add("after dead letter"));
        return new KafkaErrorHandling().kafkaErrorHandler(deadLetters,
                new RetryProperties(Duration.ofMillis(1), 1.0, Duration.ofMillis(1), 2), hooks.getBeanProvider(AfterDeadLetter.class),
                hooks.getBeanProvider(RecordBackOff.class));
    }

    private static ListenerExecutionFailedException failure(RuntimeException cause) {
        return new ListenerExecutionFailedException("Listener failed", cause);
    }

    @Test
    void valueThatCouldNotBeReadIsDeadLetteredByteForByte() {
        byte[] original = "{\"id\": oops".getBytes(StandardCharsets.UTF_8);

        assertThat(deadLetterValues.serialize("newswire.articles.notify-service.dlt", new RecordHeaders(), original))
                .isEqualTo(original);
    }

    @Test
    void articleThatFailedInTheListenerIsDeadLetteredAsContractJsonWithoutTypeHeaders() {
        Article article = new Article("5f0c", 1, URI.create("https://example.com/a"), "T", "S", "<p>x</p>",
                List.of(new Article.Author("A", null)), List.of("Politics"), List.of("x"), "en",
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:00:00Z"), null);
        RecordHeaders headers = new RecordHeaders();

        String json = new String(deadLetterValues.serialize("newswire.articles.notify-service.dlt", headers, article),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"id\":\"5f0c\"", "\"url\":\"https://example.com/a\"",
                "\"publishedAt\":\"2026-11-29T10:00:00Z\"");
        assertThat(headers.toArray()).isEmpty();
    }
}
