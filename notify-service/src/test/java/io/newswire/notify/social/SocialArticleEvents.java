package io.newswire.notify.social;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes article events onto {@code newswire.articles} as ingest does, with the fields social routing reads. */
final class SocialArticleEvents implements AutoCloseable {

    static final String PUBLISHED = "newswire.article.published";
    static final String UPDATED = "newswire.article.updated";
    static final String RETRACTED = "newswire.article.retracted";

    /** A story's routing-relevant fields. */
    record Story(String id, long version, String title, List<String> categories, List<String> tags, String language) {

        static Story of(String title, List<String> categories, List<String> tags, String language) {
            return new Story(UUID.randomUUID().toString(), 1, title, categories, tags, language);
        }

        Story next(String newTitle) {
            return new Story(id, version + 1, newTitle, categories, tags, language);
        }
    }

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    Story publish(Story story) {
        write(PUBLISHED, story);
        return story;
    }

    void write(String ceType, Story story) {
        ProducerRecord<String, String> record = new ProducerRecord<>(ArticleTopic.NAME, story.id(), json(story));
        header(record, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(record, ArticleTopic.CE_ID, UUID.randomUUID().toString());
        header(record, ArticleTopic.CE_SOURCE, "urn:newswire:ingest");
        header(record, ArticleTopic.CE_TYPE, ceType);
        header(record, ArticleTopic.CE_TIME, Instant.now().toString());
        header(record, ArticleTopic.CE_SUBJECT, story.id());
        header(record, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        try {
            producer.send(record).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not write article " + story.id(), ex.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private static String json(Story story) {
        return """
                {"id":"%s","version":%d,"url":"https://example.com/news/%s","title":"%s","summary":"What happened",
                 "contentHtml":"<p>x</p>","authors":[{"name":"A","url":null}],"categories":[%s],"tags":[%s],
                 "language":"%s","publishedAt":"%s","updatedAt":"%s","leadImage":null}"""
                .formatted(story.id(), story.version(), story.id(), story.title(), list(story.categories()), list(story.tags()),
                        story.language(), Instant.now(), Instant.now());
    }

    private static String list(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(","));
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
