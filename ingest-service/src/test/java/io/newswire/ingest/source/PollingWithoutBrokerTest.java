package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.ingest.article.IngestApi;
import io.newswire.ingest.UnreachableBroker;
import io.newswire.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * With the broker down a poll cannot publish: it is recorded as failed and the feed's validators
 * are dropped, so the next poll fetches the whole feed again instead of a 304 that would skip the
 * items never published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UnreachableBroker
@WithPostgres
class PollingWithoutBrokerTest {

    @LocalServerPort
    int port;

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
}
