package io.newswire.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.RealInfrastructure;
import io.newswire.testsupport.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The service against a real broker: records produced the way ingest produces them, feeds read
 * over HTTP the way a feed reader reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@Import(RecordedFeedChanges.class)
class FeedServiceIntegrationTest {

    private static final String DEAD_LETTER_TOPIC = "newswire.articles.feed-service.dlt";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ArticleTopicWriter topic;
    private static String publishedBeforeStart;

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    /**
     * Runs before the application context exists (JUnit runs it before the first test instance,
     * which is when Spring starts the context): the topic already holds an article, as it does when
     * an instance is added to a running system.
     */
    @BeforeAll
    static void publishAnArticleBeforeTheServiceStarts() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(ArticleTopic.NAME, 6, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                throw ex;
            }
        }
        topic = new ArticleTopicWriter();
        publishedBeforeStart = UUID.randomUUID().toString();
        publish("newswire.article.published", publishedBeforeStart,
                articleJson(publishedBeforeStart, 1, "Story that was there first"));
    }

    @AfterAll
    static void closeProducer() {
        topic.close();
    }

    @Test
    void articlePublishedBeforeTheServiceStartedIsInBothFeeds() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(get("/rss.xml").body()).contains("urn:uuid:" + publishedBeforeStart);
            assertThat(get("/atom.xml").body()).contains("urn:uuid:" + publishedBeforeStart);
        });
    }

    @Test
    void listenerReadsEveryPartitionOfTheArticleTopic() throws Exception {
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            partitions = admin.describeTopics(List.of(ArticleTopic.NAME)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(ArticleTopic.NAME).partitions().size();
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listeners.getListenerContainer("feed-articles")
                .getAssignedPartitions()).hasSize(partitions)
                .allSatisfy(partition -> assertThat(partition.topic()).isEqualTo(ArticleTopic.NAME)));
    }

    @Test
    void publishedArticleAppearsInBothFeeds() {
        String id = UUID.randomUUID().toString();

        publish("newswire.article.published", id, articleJson(id, 1, "Tram line opens, Алматы 🚋"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> rss = get("/rss.xml");
            assertThat(rss.statusCode()).isEqualTo(200);
            assertThat(rss.headers().firstValue("Content-Type")).hasValue("application/rss+xml;charset=utf-8");
            assertThat(rss.headers().firstValue("Cache-Control")).hasValue("max-age=60");
            assertThat(rss.body()).contains("<guid isPermaLink=\"false\">urn:uuid:" + id + "</guid>")
                    .contains("<title>Tram line opens, Алматы 🚋</title>")
                    .contains("<link>https://news.example/" + id + "</link>");

            HttpResponse<String> atom = get("/atom.xml");
            assertThat(atom.statusCode()).isEqualTo(200);
            assertThat(atom.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=utf-8");
            assertThat(atom.body()).contains("<id>urn:uuid:" + id + "</id>")
                    .contains("<title>Tram line opens, Алматы 🚋</title>")
                    .contains("href=\"https://news.example/" + id + "\"");
        });
    }

    @Test
    void updatedArticleReplacesItsEarlierVersion() {
        String id = UUID.randomUUID().toString();
        publish("newswire.article.published", id, articleJson(id, 1, "Early headline"));

        publish("newswire.article.updated", id, articleJson(id, 2, "Corrected headline"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get("/atom.xml").body())
                .contains("Corrected headline").doesNotContain("Early headline"));
    }

    @Test
    void retractedArticleLeavesBothFeeds() {
        String id = UUID.randomUUID().toString();
        publish("newswire.article.published", id, articleJson(id, 1, "Story to be withdrawn"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get("/rss.xml").body()).contains("urn:uuid:" + id));

        publish("newswire.article.retracted", id, articleJson(id, 2, "Story to be withdrawn"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(get("/rss.xml").body()).doesNotContain("urn:uuid:" + id);
            assertThat(get("/atom.xml").body()).doesNotContain("urn:uuid:" + id);
        });
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndTheNextRecordIsServed() {
        String badId = UUID.randomUUID().toString();
        byte[] notJson = ("{\"id\":\"" + badId + "\", this is not JSON").getBytes(StandardCharsets.UTF_8);
        String goodId = UUID.randomUUID().toString();

        publish("newswire.article.published", badId, notJson);
        publish("newswire.article.published", goodId, articleJson(goodId, 1, "Story after a broken one"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get("/rss.xml").body()).contains("urn:uuid:" + goodId));
        ConsumerRecord<String, byte[]> deadLetter = deadLetterKeyed(badId);
        assertThat(deadLetter.value()).isEqualTo(notJson);
        assertThat(header(deadLetter, ArticleTopic.CE_TYPE)).isEqualTo("newswire.article.published");
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).contains("DeserializationException");
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(ArticleTopic.NAME);
    }

    @Test
    void snapshotBreakingTheContractGoesToTheDeadLetterTopicAsJson() {
        String id = UUID.randomUUID().toString();
        byte[] untitled = """
                {"id":"%1$s","version":1,"url":"https://news.example/%1$s","publishedAt":"2026-11-29T10:00:00Z",\
                "updatedAt":"2026-11-29T10:00:00Z"}""".formatted(id).getBytes(StandardCharsets.UTF_8);

        publish("newswire.article.published", id, untitled);

        ConsumerRecord<String, byte[]> deadLetter = deadLetterKeyed(id);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains("\"id\":\"" + id + "\"")
                .contains("\"publishedAt\":\"2026-11-29T10:00:00Z\"");
        assertThat(header(deadLetter, "kafka_dlt-exception-message")).contains("lacks a url, title or publishedAt");
        assertThat(deadLetter.headers().lastHeader("__TypeId__")).isNull();
    }

    @Test
    void recordOfAnUnknownTypeIsSkipped() {
        String unknownId = UUID.randomUUID().toString();
        String knownId = UUID.randomUUID().toString();

        publish("newswire.article.featured", unknownId, articleJson(unknownId, 1, "Featured, whatever that is"));
        publish("newswire.article.published", knownId, articleJson(knownId, 1, "Ordinary story"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get("/rss.xml").body())
                .contains("urn:uuid:" + knownId).doesNotContain("urn:uuid:" + unknownId));
    }

    @Test
    void unchangedFeedIsAnsweredNotModifiedAndAChangedOneIsNot() throws Exception {
        String id = UUID.randomUUID().toString();
        publish("newswire.article.published", id, articleJson(id, 1, "Story for caching"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get("/atom.xml").body()).contains("urn:uuid:" + id));
        String etag = get("/atom.xml").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> unchanged = get("/atom.xml", "If-None-Match", etag);

        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag);

        String next = UUID.randomUUID().toString();
        publish("newswire.article.published", next, articleJson(next, 1, "Story that changes the feed"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> changed = get("/atom.xml", "If-None-Match", etag);
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.body()).contains("urn:uuid:" + next);
            assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        });
    }

    private static String bootstrapServers() {
        return RealInfrastructure.kafkaBootstrapServers();
    }

    /** The article as ingest writes it, plus a property this service does not know and must ignore. */
    private static byte[] articleJson(String id, long version, String title) {
        Instant now = Instant.now();
        return """
                {"id":"%1$s","version":%2$d,"url":"https://news.example/%1$s","title":"%3$s",\
                "summary":"Summary of %3$s","contentHtml":"<p>Body of %3$s</p>",\
                "authors":[{"name":"Ada Reporter","url":null}],"categories":["City"],"tags":["test"],\
                "language":"en","publishedAt":"%4$s","updatedAt":"%5$s","leadImage":null,\
                "readingTimeMinutes":4}""".formatted(id, version, title, now.minusSeconds(60), now)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one record with the CloudEvents headers ingest sets, and waits for the broker's acknowledgement. */
    private static void publish(String ceType, String id, byte[] value) {
        topic.publish(ceType, id, value);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Reads the dead-letter topic from the start with a fresh consumer until the record keyed {@code key} shows up. */
    private static ConsumerRecord<String, byte[]> deadLetterKeyed(String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = await().atMost(PATIENCE)
                    .until(() -> consumer.partitionsFor(DEAD_LETTER_TOPIC).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList(), p -> !p.isEmpty());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            return await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
            }, record -> record != null);
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
