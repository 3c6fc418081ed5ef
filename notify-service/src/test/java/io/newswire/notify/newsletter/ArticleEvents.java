package io.newswire.notify.newsletter;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes article events onto {@code newswire.articles} as ingest does: key the id, CloudEvents headers, JSON snapshot. */
final class ArticleEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    /** Publishes a new story in the given categories and returns its id. */
    String publish(String title, String... categories) {
        String id = UUID.randomUUID().toString();
        write("newswire.article.published", id, 1, title, categories);
        return id;
    }

    void write(String ceType, String id, long version, String title, String... categories) {
        ProducerRecord<String, String> record = new ProducerRecord<>(ArticleTopic.NAME, id, json(id, version, title, categories));
        header(record, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(record, ArticleTopic.CE_ID, UUID.randomUUID().toString());
        header(record, ArticleTopic.CE_SOURCE, "urn:newswire:ingest");
        header(record, ArticleTopic.CE_TYPE, ceType);
        header(record, ArticleTopic.CE_TIME, Instant.now().toString());
        header(record, ArticleTopic.CE_SUBJECT, id);
        header(record, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        try {
            producer.send(record).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not write article " + id, ex.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private static String json(String id, long version, String title, String... categories) {
        String categoryList = Arrays.stream(categories).map(category -> "\"" + category + "\"").collect(Collectors.joining(","));
        return """
                {"id":"%s","version":%d,"url":"https://example.com/news/%s","title":"%s","summary":"What happened",
                 "contentHtml":"<p>x</p>","authors":[{"name":"A","url":null}],"categories":[%s],"tags":[],
                 "language":"en","publishedAt":"%s","updatedAt":"%s","leadImage":null}"""
                .formatted(id, version, id, title, categoryList, Instant.now(), Instant.now());
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
