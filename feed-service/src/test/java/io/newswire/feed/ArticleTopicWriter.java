package io.newswire.feed;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes article records to the real broker the way ingest does: JSON snapshots with CloudEvents headers. */
final class ArticleTopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());

    /** A snapshot in {@code category}, by Ada Reporter, tagged {@code test}; times to the second, as HTTP dates go. */
    static byte[] article(String id, long version, String title, String category, Instant publishedAt,
            Instant updatedAt) {
        return """
                {"id":"%1$s","version":%2$d,"url":"https://news.example/%1$s","title":"%3$s",\
                "summary":"Summary of %3$s","contentHtml":"<p>Body of %3$s</p>",\
                "authors":[{"name":"Ada Reporter","url":null}],"categories":["%4$s"],"tags":["test"],\
                "language":"en","publishedAt":"%5$s","updatedAt":"%6$s","leadImage":{"url":\
                "https://img.news.example/%1$s.jpg","altText":"Photo","mediaType":"image/jpeg","width":640,"height":480}}"""
                .formatted(id, version, title, category, publishedAt.truncatedTo(ChronoUnit.SECONDS),
                        updatedAt.truncatedTo(ChronoUnit.SECONDS))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    void publish(String ceType, String id, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleTopic.NAME, id, value);
        header(record, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(record, ArticleTopic.CE_ID, UUID.randomUUID().toString());
        header(record, ArticleTopic.CE_SOURCE, "urn:newswire:test");
        header(record, ArticleTopic.CE_TYPE, ceType);
        header(record, ArticleTopic.CE_TIME, Instant.now().toString());
        header(record, ArticleTopic.CE_SUBJECT, id);
        header(record, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("The broker did not take the record", ex);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
