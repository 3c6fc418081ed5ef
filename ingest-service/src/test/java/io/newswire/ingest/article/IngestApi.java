package io.newswire.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The push API as a CMS calls it over real HTTP, and the topic as a fresh consumer reads it. */
public final class IngestApi {

    public static final String WRITER = "test-key";
    public static final String READER = "reader-key";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final String bootstrapServers;

    public IngestApi(int port, String bootstrapServers) {
        this.base = "http://127.0.0.1:" + port;
        this.bootstrapServers = bootstrapServers;
    }

    public HttpResponse<String> send(String method, String path, String key, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String body, String... headers) throws Exception {
        return send("POST", "/api/v1/articles", WRITER, body, headers);
    }

    public JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public JsonNode json(String body) {
        return json.readTree(body);
    }

    public TopicProbe markTopic() {
        return TopicProbe.markEnd(bootstrapServers, ArticleTopic.NAME);
    }

    /**
     * Publishes a marker article and returns every record after the probe's mark, marker excluded:
     * exactly what the requests since the mark published.
     */
    public List<ConsumerRecord<String, String>> publishedSince(TopicProbe probe) throws Exception {
        HttpResponse<String> marker = post("{\"url\": \"https://news.example/marker/%s\", \"title\": \"Marker\"}"
                .formatted(UUID.randomUUID()));
        assertThat(marker.statusCode()).isEqualTo(202);
        String markerId = json(marker).get("id").asString();
        List<ConsumerRecord<String, String>> records = probe.readUntil(r -> markerId.equals(r.key()), Duration.ofSeconds(10));
        return records.subList(0, records.size() - 1);
    }

    public static String article(String url, String title) {
        return "{\"url\": \"%s\", \"title\": \"%s\", \"summary\": \"A summary\", \"categories\": [\"World\"]}".formatted(url, title);
    }

    public static String uniqueUrl() {
        return "https://news.example/world/" + UUID.randomUUID();
    }
}
