package io.newswire.notify.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.TopicProbe;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import io.newswire.testsupport.WithSmtp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API over HTTP against the real broker and database: who may call it, what it counts,
 * and a dead letter listed and replayed onto the topic it came from.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@WithPostgres
@WithSmtp
class AdminApiTest {

    private static final String ADMIN_KEY = "test-admin-key";
    private static final String READER_KEY = "test-reader-key";
    private static final String DEAD_LETTER_TOPIC = "newswire.articles.notify-service.dlt";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> stories = new ArrayList<>();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private KafkaConnectionDetails kafka;

    @LocalServerPort
    private int port;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp() {
        // Counts are of the whole table: each test starts without subscribers (deliveries go with them).
        jdbc.update("DELETE FROM subscriber");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
        stories.forEach(id -> jdbc.update("DELETE FROM story WHERE id = ?", id));
    }

    @Test
    void adminApiWithoutAKnownKeyIsUnauthorizedProblem() throws Exception {
        for (String key : new String[] {null, "guessed-key"}) {
            HttpResponse<String> response = send("GET", "/api/v1/admin/subscribers", key);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"newswire\"");
            assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(401);
        }
        assertThat(send("POST", "/api/v1/admin/dead-letters/" + DEAD_LETTER_TOPIC + "/0/0/replay", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void keyWithoutTheAdminScopeIsForbiddenProblem() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/admin/subscribers", READER_KEY);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).contains("newsletter:admin");
    }

    @Test
    void readersPagesAndTheSubscriptionApiAskForNoKey() throws Exception {
        assertThat(send("GET", "/unsubscribe?token=not-a-token", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/subscriptions", null).statusCode()).isNotEqualTo(401);
        assertThat(send("POST", "/api/v1/subscriptions", null, "{\"email\":\"someone@example.test\"}").statusCode())
                .isNotEqualTo(401);
        assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void subscriberCountsCoverEveryStateAndConfirmedSubscribersByTopicAndFrequency() throws Exception {
        subscriber("confirmed", "each", "politics,sport");
        subscriber("confirmed", "daily", "politics");
        subscriber("confirmed", "weekly", "");
        subscriber("confirmed", "each", "");
        subscriber("pending", "each", "politics");
        subscriber("unsubscribed", "weekly", "sport");

        JsonNode counts = json.readTree(admin("GET", "/api/v1/admin/subscribers", 200).body());

        assertThat(json.convertValue(counts.get("byState"), Map.class))
                .isEqualTo(Map.of("pending", 1, "confirmed", 4, "unsubscribed", 1, "bounced", 0));
        assertThat(json.convertValue(counts.get("byTopic"), Map.class))
                .isEqualTo(Map.of("politics", 2, "sport", 1, "(all)", 2));
        assertThat(json.convertValue(counts.get("byFrequency"), Map.class))
                .isEqualTo(Map.of("each", 2, "daily", 1, "weekly", 1));
    }

    @Test
    void deliveryCountsOfAStoryAndNotFoundForAnArticleNotifyNeverSaw() throws Exception {
        String mailed = UUID.randomUUID().toString();
        for (String status : List.of("sending", "deferred", "sent", "sent", "failed", "bounced")) {
            jdbc.update("INSERT INTO newsletter_delivery (subscriber_id, article_id, status) VALUES (?, ?, ?)",
                    subscriber("confirmed", "each", ""), mailed, status);
        }
        String notYetMailed = story();
        String unknown = UUID.randomUUID().toString();

        assertThat(json.readTree(admin("GET", "/api/v1/admin/articles/" + mailed + "/deliveries", 200).body()))
                .isEqualTo(json.readTree("""
                        {"articleId":"%s","queued":2,"sent":2,"failed":1,"bounced":1}""".formatted(mailed)));
        assertThat(json.readTree(admin("GET", "/api/v1/admin/articles/" + notYetMailed + "/deliveries", 200).body()))
                .isEqualTo(json.readTree("""
                        {"articleId":"%s","queued":0,"sent":0,"failed":0,"bounced":0}""".formatted(notYetMailed)));
        HttpResponse<String> notFound = admin("GET", "/api/v1/admin/articles/" + unknown + "/deliveries", 404);
        assertThat(notFound.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(notFound.body()).get("detail").asString()).contains(unknown);
    }

    @Test
    void deadLetterIsListedAndItsReplayLandsOnTheOriginalTopicWithItsEventHeaders() throws Exception {
        String articleId = UUID.randomUUID().toString();
        ProducerRecord<String, String> event = event(articleId);
        RecordMetadata original = producer.send(event).get();
        RecordMetadata dead = producer.send(deadLetterOf(event, original,
                "550 5.1.1 <aliya@example.test>: Recipient address rejected")).get();

        JsonNode listing = json.readTree(admin("GET", "/api/v1/admin/dead-letters", 200).body());
        JsonNode listed = find(listing.get("deadLetters"), articleId);
        assertThat(listed.get("topic").asString()).isEqualTo(DEAD_LETTER_TOPIC);
        assertThat(listed.get("partition").asInt()).isEqualTo(dead.partition());
        assertThat(listed.get("offset").asLong()).isEqualTo(dead.offset());
        assertThat(listed.get("originalTopic").asString()).isEqualTo(ArticleTopic.NAME);
        assertThat(listed.get("originalPartition").asInt()).isEqualTo(original.partition());
        assertThat(listed.get("originalOffset").asLong()).isEqualTo(original.offset());
        assertThat(listed.get("exceptionMessage").asString()).contains("Recipient address rejected")
                .doesNotContain("aliya@example.test");
        assertThat(listed.get("headers").get(ArticleTopic.CE_TYPE).asString()).isEqualTo("newswire.article.updated");
        assertThat(listed.get("value").asString()).isEqualTo(event.value());
        assertThat(listed.get("valueTruncated").asBoolean()).isFalse();
        assertThat(listing.get("total").asLong()).isGreaterThanOrEqualTo(1);

        TopicProbe articles = TopicProbe.markEnd(bootstrapServers(), ArticleTopic.NAME);
        JsonNode replayed = json.readTree(admin("POST", "/api/v1/admin/dead-letters/" + DEAD_LETTER_TOPIC + "/"
                + dead.partition() + "/" + dead.offset() + "/replay", 202).body());

        assertThat(replayed.get("to").get("topic").asString()).isEqualTo(ArticleTopic.NAME);
        assertThat(replayed.get("to").get("partition").asInt()).isEqualTo(original.partition());
        List<ConsumerRecord<String, String>> copies = articles.readUntil(r -> articleId.equals(r.key()), PATIENCE);
        ConsumerRecord<String, String> copy = copies.get(copies.size() - 1);
        assertThat(copy.offset()).isEqualTo(replayed.get("to").get("offset").asLong());
        assertThat(copy.value()).isEqualTo(event.value());
        assertThat(TopicProbe.header(copy, ArticleTopic.CE_TYPE)).isEqualTo("newswire.article.updated");
        assertThat(TopicProbe.header(copy, ArticleTopic.CE_ID))
                .isEqualTo(new String(event.headers().lastHeader(ArticleTopic.CE_ID).value(), StandardCharsets.UTF_8));
        assertThat(copy.headers().toArray()).extracting(Header::key).noneMatch(key -> key.startsWith("kafka_dlt-"));
    }

    @Test
    void replayGoesOnlyFromNotifysDeadLetterTopicsAndNeverOverANewerEvent() throws Exception {
        String articleId = UUID.randomUUID().toString();
        ProducerRecord<String, String> event = event(articleId);
        RecordMetadata original = producer.send(event).get();
        RecordMetadata dead = producer.send(deadLetterOf(event, original, "Connection refused")).get();
        // The article moved on after the event that failed: a retraction, say.
        producer.send(event(articleId)).get();

        HttpResponse<String> otherTopic = admin("POST", "/api/v1/admin/dead-letters/" + ArticleTopic.NAME + "/"
                + original.partition() + "/" + original.offset() + "/replay", 400);
        HttpResponse<String> noSuchRecord = admin("POST", "/api/v1/admin/dead-letters/" + DEAD_LETTER_TOPIC + "/"
                + dead.partition() + "/" + (dead.offset() + 1_000_000) + "/replay", 404);
        HttpResponse<String> newerEventFollows = admin("POST", "/api/v1/admin/dead-letters/" + DEAD_LETTER_TOPIC + "/"
                + dead.partition() + "/" + dead.offset() + "/replay", 409);

        for (HttpResponse<String> refused : List.of(otherTopic, noSuchRecord, newerEventFollows)) {
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(json.readTree(newerEventFollows.body()).get("detail").asString()).contains("later event");
    }

    /** An event as ingest writes it: key the article id, CloudEvents headers, the snapshot as JSON. */
    private static ProducerRecord<String, String> event(String articleId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(ArticleTopic.NAME, articleId, """
                {"id":"%s","version":1,"url":"https://example.com/news/%s","title":"Budget passes","summary":"What happened",
                 "contentHtml":"<p>x</p>","authors":[],"categories":["Politics"],"tags":[],"language":"en",
                 "publishedAt":"2026-11-29T10:00:00Z","updatedAt":"2026-11-29T10:00:00Z","leadImage":null}"""
                .formatted(articleId, articleId));
        header(record, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(record, ArticleTopic.CE_ID, UUID.randomUUID().toString());
        header(record, ArticleTopic.CE_SOURCE, "urn:newswire:ingest");
        // An update mails nobody, so the replayed copy has no side effect in this test.
        header(record, ArticleTopic.CE_TYPE, "newswire.article.updated");
        header(record, ArticleTopic.CE_TIME, Instant.now().toString());
        header(record, ArticleTopic.CE_SUBJECT, articleId);
        header(record, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        return record;
    }

    /** The dead letter Spring Kafka's DeadLetterPublishingRecoverer would write for {@code event}. */
    private ProducerRecord<String, String> deadLetterOf(ProducerRecord<String, String> event, RecordMetadata original,
            String exceptionMessage) {
        ProducerRecord<String, String> deadLetter = dlt(event);
        deadLetter.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, original.topic().getBytes(StandardCharsets.UTF_8));
        deadLetter.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(original.partition()).array());
        deadLetter.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(original.offset()).array());
        deadLetter.headers().add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(original.timestamp()).array());
        deadLetter.headers().add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, "notify-service".getBytes(StandardCharsets.UTF_8));
        deadLetter.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN,
                "org.springframework.kafka.listener.ListenerExecutionFailedException".getBytes(StandardCharsets.UTF_8));
        deadLetter.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, exceptionMessage.getBytes(StandardCharsets.UTF_8));
        deadLetter.headers().add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, "at somewhere".getBytes(StandardCharsets.UTF_8));
        return deadLetter;
    }

    /** The event's key, value and headers addressed to the dead-letter topic. */
    private static ProducerRecord<String, String> dlt(ProducerRecord<String, String> event) {
        ProducerRecord<String, String> deadLetter = new ProducerRecord<>(DEAD_LETTER_TOPIC, event.key(), event.value());
        event.headers().forEach(deadLetter.headers()::add);
        return deadLetter;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode find(JsonNode deadLetters, String key) {
        for (JsonNode deadLetter : deadLetters) {
            if (key.equals(deadLetter.get("key").asString())) {
                return deadLetter;
            }
        }
        throw new AssertionError("No dead letter with key " + key + " in " + deadLetters);
    }

    private UUID subscriber(String status, String frequency, String topics) {
        String email = ("reader-" + UUID.randomUUID() + "@example.test").toLowerCase();
        return jdbc.queryForObject("""
                INSERT INTO subscriber (email, status, frequency, topics) VALUES (?, ?, ?, string_to_array(?, ','))
                RETURNING id""", UUID.class, email, status, frequency, topics);
    }

    private String story() {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO story (id, version, snapshot, published_at) VALUES (?, 1, '{}'::jsonb, now())", id);
        stories.add(id);
        return id;
    }

    private HttpResponse<String> admin(String method, String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(method, path, ADMIN_KEY);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return response;
    }

    private HttpResponse<String> send(String method, String path, String key) throws Exception {
        return send(method, path, key, null);
    }

    private HttpResponse<String> send(String method, String path, String key, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }
}
