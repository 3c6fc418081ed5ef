package io.newswire.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.TopicProbe;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The push API over real HTTP against a real broker; every assertion about what was published
 * reads the topic back with a fresh consumer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres
class ArticlePublishingTest {

    private static final String KEY = "test-key";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private TopicProbe topic;

    @BeforeEach
    void markTopic() {
        topic = TopicProbe.markEnd(bootstrapServers, ArticleTopic.NAME);
    }

    @Test
    void acceptedArticleIsOnTheTopicAsACloudEventWithItsSnapshot() throws Exception {
        String url = "https://news.example/world/" + UUID.randomUUID();
        HttpResponse<String> response = post(KEY, """
                {"url": "%s", "title": "Жаңалықтар: the vote", "summary": "What happened",
                 "contentHtml": "<p>Body <script>x()</script></p>", "authors": [{"name": "Aigerim"}],
                 "categories": ["World"], "tags": ["vote"], "language": "kk",
                 "leadImage": {"url": "https://news.example/img/1.jpg", "altText": "Voters", "mediaType": "image/jpeg", "width": 1200, "height": 800}}
                """.formatted(url));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = json.readTree(response.body());
        String id = accepted.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/articles/" + id);

        List<ConsumerRecord<String, String>> records = topic.readUntil(r -> id.equals(r.key()), Duration.ofSeconds(10));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(TopicProbe.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("newswire.article.published");
        assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(accepted.get("eventId").asString());
        assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("urn:newswire:ingest");
        assertThat(TopicProbe.header(record, "ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(TopicProbe.header(record, "content-type")).isEqualTo("application/json");
        assertThat(record.headers().lastHeader("__TypeId__")).as("no Java class names on the wire").isNull();

        JsonNode value = json.readTree(record.value());
        assertThat(value.get("id").asString()).isEqualTo(id);
        assertThat(value.get("version").asLong()).isEqualTo(1);
        assertThat(value.get("url").asString()).isEqualTo(url);
        assertThat(value.get("title").asString()).isEqualTo("Жаңалықтар: the vote");
        assertThat(value.get("contentHtml").asString()).isEqualTo("<p>Body</p>");
        assertThat(value.get("authors").get(0).get("name").asString()).isEqualTo("Aigerim");
        assertThat(value.get("leadImage").get("width").asInt()).isEqualTo(1200);
        assertThat(value.get("publishedAt").asString()).endsWith("Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON      | {"url": "https://news.example/x", "title": | ''
            missing title       | {"url": "https://news.example/x"}          | title
            blank title         | {"url": "https://news.example/x", "title": "  "} | title
            missing url         | {"title": "A story"}                       | url
            invalid url         | {"url": "not a url", "title": "A story"}   | url
            non-http url        | {"url": "ftp://news.example/x", "title": "A story"} | url
            wrong type of date  | {"url": "https://news.example/x", "title": "A story", "publishedAt": "yesterday"} | publishedAt
            wrong type of list  | {"url": "https://news.example/x", "title": "A story", "tags": {"a": 1}} | tags
            wrong type of width | {"url": "https://news.example/x", "title": "A story", "leadImage": {"url": "https://news.example/i.jpg", "width": "wide"}} | leadImage.width
            """)
    void badInputIsAProblemNamingTheFieldAndPublishesNothing(String name, String body, String field) throws Exception {
        HttpResponse<String> response = post(KEY, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        if (!field.isEmpty()) {
            assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        }
        assertNothingPublishedSinceMark();
    }

    @Test
    void fieldsPastTheirLimitsAreProblemsNamingEachFieldAndPublishNothing() throws Exception {
        String many = "[" + String.join(",", java.util.Collections.nCopies(51, "\"t\"")) + "]";
        HttpResponse<String> response = post(KEY, """
                {"url": "https://news.example/limits", "title": "%s", "summary": "%s",
                 "categories": %s, "tags": %s, "contentHtml": "%s"}
                """.formatted("T".repeat(301), "S".repeat(2001), many, many, "x".repeat(1_000_001)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("field"))
                .contains("title", "summary", "categories", "tags", "contentHtml");
        assertNothingPublishedSinceMark();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no key        | ''
            unknown key   | Bearer not-the-key
            not a bearer  | Basic dGVzdDp0ZXN0
            """)
    void requestWithoutAValidKeyIsUnauthorizedAndPublishesNothing(String name, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"https://news.example/x\", \"title\": \"A story\"}"));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"newswire\"");
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(401);
        assertNothingPublishedSinceMark();
    }

    /** Publishes a marker article and asserts it is the only record after the mark. */
    private void assertNothingPublishedSinceMark() throws Exception {
        String markerUrl = "https://news.example/marker/" + UUID.randomUUID();
        HttpResponse<String> marker = post(KEY, "{\"url\": \"%s\", \"title\": \"Marker\"}".formatted(markerUrl));
        assertThat(marker.statusCode()).isEqualTo(202);
        String markerId = json.readTree(marker.body()).get("id").asString();

        List<ConsumerRecord<String, String>> records = topic.readUntil(r -> markerId.equals(r.key()), Duration.ofSeconds(10));
        assertThat(records).extracting(ConsumerRecord::key).containsExactly(markerId);
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/articles"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
