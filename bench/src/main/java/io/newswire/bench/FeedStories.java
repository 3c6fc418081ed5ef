package io.newswire.bench;

import io.newswire.events.ArticleEventType;
import io.newswire.events.ArticleTopic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts stories on {@code newswire.articles} the way ingest does: the topic declared as ingest declares
 * it (6 partitions, compacted), each record keyed by article id with the JSON snapshot as value and the
 * CloudEvents headers. Records are batched (the producer's own batching, acks=all) so that 100,000
 * stories take seconds, not minutes.
 */
final class FeedStories {

    /** Ingest's default partition count for the article topic (newswire.articles.topic.partitions). */
    static final int PARTITIONS = 6;

    private static final List<String> CATEGORIES = List.of("world", "politics", "business", "science", "sport",
            "culture", "technology", "health", "climate", "opinion");

    /**
     * The feeds {@code count >= 10} stories make: the site's, one per category, the one tag's and the one
     * author's, each in three formats (RSS, Atom, JSON Feed), as listed in {@code /feeds.opml}.
     */
    static int feeds() {
        return (1 + CATEGORIES.size() + 1 + 1) * 3;
    }

    private FeedStories() {
    }

    /** Creates the article topic as ingest's ArticleConfiguration does, unless it exists. */
    static void declareTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic topic = new NewTopic(ArticleTopic.NAME, PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not declare " + ArticleTopic.NAME, ex.getCause());
            }
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not declare " + ArticleTopic.NAME, ex);
        }
    }

    /** The title of story {@code n} (1-based); story {@code count} is the newest. */
    static String title(int n) {
        return "Benchmark story " + n + " of the day";
    }

    /**
     * Publishes {@code count} distinct stories, one a minute apart ending now, so the last is the
     * newest, and waits until the broker has acknowledged every one.
     */
    static void publish(String bootstrapServers, int count) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int n = 1; n <= count; n++) {
                String id = UUID.randomUUID().toString();
                Instant published = newest.minus(count - n, ChronoUnit.MINUTES);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleTopic.NAME, id,
                        snapshot(id, title(n), CATEGORIES.get(n % CATEGORIES.size()), published));
                header(record, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
                header(record, ArticleTopic.CE_ID, UUID.randomUUID().toString());
                header(record, ArticleTopic.CE_SOURCE, "urn:newswire:bench");
                header(record, ArticleTopic.CE_TYPE, ArticleEventType.PUBLISHED.ceType());
                header(record, ArticleTopic.CE_TIME, published.toString());
                header(record, ArticleTopic.CE_SUBJECT, id);
                header(record, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
                producer.send(record, (metadata, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
            }
            producer.flush();
            producer.close(Duration.ofSeconds(30));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The broker refused a story", failure.get());
        }
    }

    /** The same snapshot shape as feed-service's tests write (ArticleTopicWriter): a full story with byline, tags and image. */
    private static byte[] snapshot(String id, String title, String category, Instant published) {
        return """
                {"id":"%1$s","version":1,"url":"https://news.example/%1$s","title":"%2$s",\
                "summary":"Summary of %2$s","contentHtml":"<p>Body of %2$s</p>",\
                "authors":[{"name":"Ada Reporter","url":null}],"categories":["%3$s"],"tags":["bench"],\
                "language":"en","publishedAt":"%4$s","updatedAt":"%4$s","leadImage":{"url":\
                "https://img.news.example/%1$s.jpg","altText":"Photo","mediaType":"image/jpeg","width":640,"height":480}}"""
                .formatted(id, title, category, published)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
