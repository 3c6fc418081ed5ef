package io.newswire.notify.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class KafkaErrorHandlingTest {

    private final Serializer<Object> deadLetterValues = KafkaErrorHandling.valueSerializer();

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
