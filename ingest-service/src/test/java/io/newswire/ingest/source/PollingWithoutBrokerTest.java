package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.ingest.article.IngestApi;
import io.newswire.testsupport.WithPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With the broker down a poll cannot publish: it is recorded as failed and the feed's validators
 * are dropped, so the next poll fetches the whole feed again instead of a 304 that would skip the
 * items never published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.producer.properties.max.block.ms=2000",
                "spring.kafka.producer.properties.request.timeout.ms=1500",
                "spring.kafka.producer.properties.delivery.timeout.ms=2000",
                "newswire.ingest.publish-timeout=3s"})
@WithPostgres
class PollingWithoutBrokerTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void unreachableBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
    }

    @Test
    void pollThatCouldNotPublishIsRetriedInFullLater() throws Exception {
        IngestApi api = new IngestApi(port, null);
        try (FeedServer server = new FeedServer()) {
            server.serve(FeedServer.rss(FeedServer.item("down-1", "https://desk.example/down-1", "Waiting for the broker", "Text")));
            HttpResponse<String> created = api.send("POST", "/api/v1/sources", IngestApi.WRITER,
                    "{\"url\": \"%s\", \"pollInterval\": \"PT1S\"}".formatted(server.url()));
            String id = api.json(created).get("id").asString();

            await().atMost(Duration.ofSeconds(30)).until(() -> server.fetches() >= 2);

            assertThat(server.notModified()).as("no conditional GET after a failed poll").isZero();
            JsonNode state = api.json(api.send("GET", "/api/v1/sources/" + id, IngestApi.WRITER, null));
            assertThat(state.get("consecutiveErrors").asInt()).isPositive();
            assertThat(state.get("lastError").asString()).contains("BrokerUnavailable");
            assertThat(state.get("itemsSeen").asLong()).isZero();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
