package io.newswire.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.testsupport.TopicProbe;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Update, retract, read, and every way a write can change nothing: each asserted on the topic
 * read back by a fresh consumer, so "publishes nothing" means nothing reached the broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres
class ArticleLifecycleTest {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private IngestApi api;
    private TopicProbe topic;

    @BeforeEach
    void setUp() {
        api = new IngestApi(port, bootstrapServers);
        topic = api.markTopic();
    }

    @Test
    void changedArticlePublishesOneUpdatedEventWithTheNextVersionAndKeepsItsId() throws Exception {
        String url = IngestApi.uniqueUrl();
        String id = api.json(api.post(IngestApi.article(url, "First headline"))).get("id").asString();

        HttpResponse<String> updated = api.send("PUT", "/api/v1/articles/" + id, IngestApi.WRITER,
                IngestApi.article(url, "Corrected headline"), "If-Match", "\"1\"");

        assertThat(updated.statusCode()).isEqualTo(202);
        assertThat(api.json(updated).get("version").asLong()).isEqualTo(2);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");
        List<ConsumerRecord<String, String>> records = api.publishedSince(topic);
        assertThat(records).extracting(r -> TopicProbe.header(r, "ce_type"))
                .containsExactly("newswire.article.published", "newswire.article.updated");
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(id);
        JsonNode latest = api.json(api.send("GET", "/api/v1/articles/" + id, IngestApi.READER, null));
        assertThat(latest.get("title").asString()).isEqualTo("Corrected headline");
        assertThat(latest.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void sameArticleSentAgainPublishesNothingAndAnswersWithTheOriginalResult() throws Exception {
        String body = IngestApi.article(IngestApi.uniqueUrl(), "Once only");
        JsonNode first = api.json(api.post(body));

        HttpResponse<String> again = api.post(body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(api.json(again).get("eventId").asString()).isEqualTo(first.get("eventId").asString());
        assertThat(api.json(again).get("version").asLong()).isEqualTo(1);
        assertThat(api.publishedSince(topic)).hasSize(1);
    }

    @Test
    void repeatedIdempotencyKeyReplaysTheOriginalAnswerAndAnotherRequestWithItIsRefused() throws Exception {
        String url = IngestApi.uniqueUrl();
        HttpResponse<String> first = api.post(IngestApi.article(url, "Keyed"), "Idempotency-Key", "cms-42");

        HttpResponse<String> replay = api.post(IngestApi.article(url, "Keyed"), "Idempotency-Key", "cms-42");
        HttpResponse<String> misuse = api.post(IngestApi.article(url, "Something else"), "Idempotency-Key", "cms-42");

        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(misuse.statusCode()).isEqualTo(422);
        assertThat(misuse.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.publishedSince(topic)).hasSize(1);
    }

    @Test
    void idempotencyKeyLongerThan255CharactersIsRefusedAsAProblemAndPublishesNothing() throws Exception {
        HttpResponse<String> refused = api.post(IngestApi.article(IngestApi.uniqueUrl(), "Keyed"),
                "Idempotency-Key", "k".repeat(256));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.json(refused).get("detail").asString()).contains("Idempotency-Key");
        assertThat(api.publishedSince(topic)).isEmpty();
    }

    @Test
    void stateConvergesFromTheTopicToNewerVersionsAndNeverGoesBack() throws Exception {
        String url = IngestApi.uniqueUrl();
        JsonNode published = api.json(api.post(IngestApi.article(url, "As written")));
        String id = published.get("id").asString();
        // As if another instance's write was acknowledged but its commit failed: only the topic has version 3.
        sendToTopic(id, "newswire.article.updated", published.get("url").asString(), 3, "From the topic");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.json(api.send("GET", "/api/v1/articles/" + id, IngestApi.READER, null)).get("version").asLong())
                        .isEqualTo(3));
        // An older event arriving late changes nothing: wait until ingest's consumer group is past it.
        RecordMetadata stale = sendToTopic(id, "newswire.article.updated", published.get("url").asString(), 2, "Stale");
        TopicPartition partition = new TopicPartition(stale.topic(), stale.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets("ingest-service")
                    .partitionsToOffsetAndMetadata().get().get(partition))
                    .satisfies(committed -> assertThat(committed.offset()).isGreaterThan(stale.offset())));
        }

        JsonNode latest = api.json(api.send("GET", "/api/v1/articles/" + id, IngestApi.READER, null));
        assertThat(latest.get("version").asLong()).isEqualTo(3);
        assertThat(latest.get("title").asString()).isEqualTo("From the topic");
    }

    private RecordMetadata sendToTopic(String id, String type, String url, long version, String title) throws Exception {
        String json = """
                {"id":"%s","version":%d,"url":"%s","title":"%s","authors":[],"categories":[],"tags":[],
                 "publishedAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z"}""".formatted(id, version, url, title);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>("newswire.articles", id, json);
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get();
        }
    }

    @Test
    void updateThatChangesNothingPublishesNothing() throws Exception {
        String url = IngestApi.uniqueUrl();
        String id = api.json(api.post(IngestApi.article(url, "Steady"))).get("id").asString();

        HttpResponse<String> same = api.send("PUT", "/api/v1/articles/" + id, IngestApi.WRITER, IngestApi.article(url, "Steady"));

        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(api.json(same).get("version").asLong()).isEqualTo(1);
        assertThat(api.publishedSince(topic)).hasSize(1);
    }

    @Test
    void staleWritesAreRefusedAndPublishNothing() throws Exception {
        String url = IngestApi.uniqueUrl();
        String id = api.json(api.post(IngestApi.article(url, "v1"))).get("id").asString();
        api.send("PUT", "/api/v1/articles/" + id, IngestApi.WRITER, IngestApi.article(url, "v2"));

        HttpResponse<String> staleIfMatch = api.send("PUT", "/api/v1/articles/" + id, IngestApi.WRITER,
                IngestApi.article(url, "based on v1"), "If-Match", "\"1\"");
        HttpResponse<String> lowerVersion = api.send("PUT", "/api/v1/articles/" + id, IngestApi.WRITER,
                "{\"url\": \"%s\", \"title\": \"old revision\", \"version\": 2}".formatted(url));

        assertThat(staleIfMatch.statusCode()).isEqualTo(412);
        assertThat(api.json(staleIfMatch).get("currentVersion").asLong()).isEqualTo(2);
        assertThat(lowerVersion.statusCode()).isEqualTo(409);
        assertThat(api.publishedSince(topic)).extracting(r -> TopicProbe.header(r, "ce_type"))
                .containsExactly("newswire.article.published", "newswire.article.updated");
    }

    @Test
    void clientRevisionNumberBecomesTheVersionWhenItIsNewer() throws Exception {
        String url = IngestApi.uniqueUrl();
        String id = api.json(api.post(IngestApi.article(url, "r1"))).get("id").asString();

        HttpResponse<String> revised = api.send("PUT", "/api/v1/articles/" + id, IngestApi.WRITER,
                "{\"url\": \"%s\", \"title\": \"r7\", \"version\": 7}".formatted(url));

        assertThat(revised.statusCode()).isEqualTo(202);
        assertThat(api.json(revised).get("version").asLong()).isEqualTo(7);
    }

    @Test
    void retractionPublishesOneRetractedEventOnceAndTheArticleIsGone() throws Exception {
        String url = IngestApi.uniqueUrl();
        String id = api.json(api.post(IngestApi.article(url, "To withdraw"))).get("id").asString();

        HttpResponse<String> retracted = api.send("DELETE", "/api/v1/articles/" + id, IngestApi.WRITER, null);
        HttpResponse<String> again = api.send("DELETE", "/api/v1/articles/" + id, IngestApi.WRITER, null);
        HttpResponse<String> read = api.send("GET", "/api/v1/articles/" + id, IngestApi.READER, null);

        assertThat(retracted.statusCode()).isEqualTo(202);
        assertThat(api.json(retracted).get("eventType").asString()).isEqualTo("newswire.article.retracted");
        assertThat(api.json(retracted).get("version").asLong()).isEqualTo(2);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(410);
        List<ConsumerRecord<String, String>> records = api.publishedSince(topic);
        assertThat(records).extracting(r -> TopicProbe.header(r, "ce_type"))
                .containsExactly("newswire.article.published", "newswire.article.retracted");
        assertThat(api.json(records.get(1).value()).get("title").asString()).isEqualTo("To withdraw");
    }

    @Test
    void unknownArticleIsNotFoundForEveryMethod() throws Exception {
        String path = "/api/v1/articles/00000000-0000-5000-8000-000000000000";

        assertThat(api.send("GET", path, IngestApi.READER, null).statusCode()).isEqualTo(404);
        assertThat(api.send("PUT", path, IngestApi.WRITER, IngestApi.article(IngestApi.uniqueUrl(), "x")).statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", path, IngestApi.WRITER, null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/articles/not-an-id", IngestApi.READER, null).statusCode()).isEqualTo(404);
        assertThat(api.publishedSince(topic)).isEmpty();
    }

    @Test
    void keyWithoutTheWriteScopeIsForbiddenAndPublishesNothing() throws Exception {
        HttpResponse<String> refused = api.send("POST", "/api/v1/articles", IngestApi.READER,
                IngestApi.article(IngestApi.uniqueUrl(), "Not allowed"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.json(refused).get("detail").asString()).contains("articles:write");
        assertThat(api.publishedSince(topic)).isEmpty();
    }

    @Test
    void bodyOverTheCapIsRefusedWith413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        String huge = "{\"url\": \"https://news.example/big\", \"title\": \"Big\", \"contentHtml\": \"" + "x".repeat(6_000_000) + "\"}";
        HttpResponse<String> declared = api.post(huge);
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/articles"))
                .header("Authorization", "Bearer " + IngestApi.WRITER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(api.json(chunked).get("status").asInt()).isEqualTo(413);
        assertThat(api.publishedSince(topic)).isEmpty();
    }

    @Test
    void batchPublishesEachValidItemOnceAndRefusesOnlyTheBadOnes() throws Exception {
        String first = IngestApi.uniqueUrl();
        String second = IngestApi.uniqueUrl();
        HttpResponse<String> response = api.send("POST", "/api/v1/articles:batch", IngestApi.WRITER, """
                {"articles": [%s, {"url": "not a url", "title": ""}, %s, %s]}
                """.formatted(IngestApi.article(first, "Batch one"), IngestApi.article(second, "Batch two"),
                IngestApi.article(first, "Batch one")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = api.json(response).get("results");
        assertThat(java.util.stream.StreamSupport.stream(results.spliterator(), false).map(r -> r.get("status").asInt()))
                .containsExactly(202, 400, 202, 200);
        assertThat(results.get(1).get("problem").get("errors").findValuesAsString("field")).contains("url", "title");
        assertThat(api.publishedSince(topic)).extracting(r -> api.json(r.value()).get("title").asString())
                .containsExactlyInAnyOrder("Batch one", "Batch two");
    }

    @Test
    void batchOfMoreThanAHundredIsRefusedWhole() throws Exception {
        String item = IngestApi.article(IngestApi.uniqueUrl(), "Too many");
        HttpResponse<String> response = api.send("POST", "/api/v1/articles:batch", IngestApi.WRITER,
                "{\"articles\": [" + String.join(",", java.util.Collections.nCopies(101, item)) + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("errors").findValuesAsString("field")).contains("articles");
        assertThat(api.publishedSince(topic)).isEmpty();
    }
}
