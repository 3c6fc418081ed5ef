package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.ingest.IngestApplication;
import io.newswire.ingest.article.IngestApi;
import io.newswire.testsupport.TopicProbe;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/**
 * Polling real feeds over HTTP into real events: each poll is triggered by the test (the
 * scheduler's tick is off here) so that "publishes nothing" is checked after a poll that surely
 * happened, and a restart is a second ingest application on the same database and broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "newswire.sources.enabled=false")
@WithKafka
@WithPostgres
class SourcePollingTest {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    FeedPoller poller;

    @Autowired
    DataSource dataSource;

    private IngestApi api;
    private FeedServer server;

    @BeforeEach
    void setUp() {
        api = new IngestApi(port, bootstrapServers);
        server = new FeedServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        for (JsonNode source : api.json(api.send("GET", "/api/v1/sources", IngestApi.WRITER, null))) {
            api.send("DELETE", "/api/v1/sources/" + source.get("id").asString(), IngestApi.WRITER, null);
        }
    }

    @Test
    void newItemsArePublishedOnceAndLaterPollsPublishNothing() throws Exception {
        server.serve(FeedServer.rss(
                FeedServer.item("desk-1", "https://desk.example/one?utm_source=rss", "One &amp; only", "First"),
                FeedServer.item("desk-2", "https://desk.example/two", "&lt;b&gt;Two&lt;/b&gt;", "Second")));
        TopicProbe topic = api.markTopic();
        String id = addSource(server.url());

        pollUntilFetched(1);
        pollUntilFetched(2);

        List<ConsumerRecord<String, String>> records = api.publishedSince(topic);
        assertThat(records).extracting(r -> TopicProbe.header(r, "ce_type"))
                .containsExactly("newswire.article.published", "newswire.article.published");
        assertThat(records).extracting(r -> api.json(r.value()).get("title").asString())
                .containsExactlyInAnyOrder("One & only", "Two");
        assertThat(records).extracting(r -> api.json(r.value()).get("url").asString())
                .contains("https://desk.example/one");
        assertThat(server.notModified()).as("the second poll was a conditional GET").isEqualTo(1);
        JsonNode state = state(id);
        assertThat(state.get("lastStatus").asInt()).isEqualTo(304);
        assertThat(state.get("itemsSeen").asLong()).isEqualTo(2);
        assertThat(state.get("consecutiveErrors").asInt()).isZero();
        assertThat(Instant.parse(state.get("nextFetchAt").asString())).isAfter(Instant.parse(state.get("lastFetchAt").asString()));
    }

    @Test
    void changedItemIsAnUpdateAndAnItemThatLeavesTheFeedIsNotRetracted() throws Exception {
        server.serve(FeedServer.rss(
                FeedServer.item("c-1", "https://desk.example/c1", "Council vote", "Draft"),
                FeedServer.item("c-2", "https://desk.example/c2", "Weather", "Rain")));
        addSource(server.url());
        pollUntilFetched(1);
        TopicProbe topic = api.markTopic();

        server.serve(FeedServer.rss(FeedServer.item("c-1", "https://desk.example/c1-moved", "Council vote passes", "Final")));
        pollUntilFetched(2);

        List<ConsumerRecord<String, String>> records = api.publishedSince(topic);
        assertThat(records).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly("newswire.article.updated");
        JsonNode updated = api.json(records.get(0).value());
        assertThat(updated.get("title").asString()).isEqualTo("Council vote passes");
        assertThat(updated.get("url").asString()).as("matched by guid, so the moved link is the same article")
                .isEqualTo("https://desk.example/c1-moved");
        assertThat(updated.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void pollingTheSameFeedAgainAfterARestartPublishesNothing() throws Exception {
        server.serve(FeedServer.rss(FeedServer.item("r-1", "https://desk.example/r1", "Before restart", "Text")));
        addSource(server.url());
        pollUntilFetched(1);
        TopicProbe topic = api.markTopic();
        server.ignoreEtags();

        HikariDataSource database = (HikariDataSource) dataSource;
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(IngestApplication.class)
                .web(WebApplicationType.NONE)
                // Arguments, not default properties: they must win over the service's application.yaml.
                .run("--spring.kafka.bootstrap-servers=" + bootstrapServers,
                        "--spring.datasource.url=" + database.getJdbcUrl(),
                        "--spring.datasource.username=" + database.getUsername(),
                        "--spring.datasource.password=" + database.getPassword(),
                        "--newswire.sources.enabled=false")) {
            FeedPoller afterRestart = restarted.getBean(FeedPoller.class);
            int before = server.fetches();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                afterRestart.pollDue();
                return server.fetches() > before;
            });
        }

        assertThat(api.publishedSince(topic)).isEmpty();
    }

    @Test
    void failingFeedBacksOffAndItsStateShowsTheErrors() throws Exception {
        server.failWith(500);
        String id = addSource(server.url());

        pollUntilFetched(1);
        pollUntilFetched(2);

        JsonNode state = state(id);
        assertThat(state.get("lastStatus").asInt()).isEqualTo(500);
        assertThat(state.get("consecutiveErrors").asInt()).isEqualTo(2);
        assertThat(state.get("lastError").asString()).contains("500");
        Duration wait = Duration.between(Instant.parse(state.get("lastFetchAt").asString()),
                Instant.parse(state.get("nextFetchAt").asString()));
        assertThat(wait).as("1 s interval doubled per error in a row").isGreaterThanOrEqualTo(Duration.ofMillis(3_900));
    }

    @Test
    void publisherCacheLifetimeDelaysTheNextPoll() throws Exception {
        server.serve(FeedServer.rss(FeedServer.item("m-1", "https://desk.example/m1", "Cached", "Text")));
        server.headers("Cache-Control", "public, max-age=3600");
        String id = addSource(server.url());

        pollUntilFetched(1);

        JsonNode state = state(id);
        assertThat(Duration.between(Instant.parse(state.get("lastFetchAt").asString()), Instant.parse(state.get("nextFetchAt").asString())))
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    }

    @Test
    void rssTtlDelaysTheNextPoll() throws Exception {
        server.serve(FeedServer.rss(FeedServer.item("t-1", "https://desk.example/t1", "Slow desk", "Text"))
                .replace("<description>News</description>", "<description>News</description><ttl>120</ttl>"));
        String id = addSource(server.url());

        pollUntilFetched(1);

        JsonNode state = state(id);
        assertThat(Duration.between(Instant.parse(state.get("lastFetchAt").asString()), Instant.parse(state.get("nextFetchAt").asString())))
                .isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
    }

    @Test
    void retryAfterOnAnOverloadedFeedIsHonoured() throws Exception {
        server.failWith(503);
        server.headers("Retry-After", "600");
        String id = addSource(server.url());

        pollUntilFetched(1);

        JsonNode state = state(id);
        assertThat(state.get("lastStatus").asInt()).isEqualTo(503);
        assertThat(Duration.between(Instant.parse(state.get("lastFetchAt").asString()), Instant.parse(state.get("nextFetchAt").asString())))
                .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
    }

    @Test
    void storyPushedByApiAndSeenInAFeedIsOneArticle() throws Exception {
        String url = "https://desk.example/one-identity/" + UUID.randomUUID();
        String pushedId = api.json(api.post(IngestApi.article(url, "Pushed first"))).get("id").asString();
        TopicProbe topic = api.markTopic();
        server.serve(FeedServer.rss(FeedServer.item("feed-guid-9", url + "?utm_campaign=x#comments", "Pushed first", "From the feed")));

        addSource(server.url());
        pollUntilFetched(1);

        List<ConsumerRecord<String, String>> records = api.publishedSince(topic);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(pushedId);
        assertThat(records).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly("newswire.article.updated");
    }

    @Test
    void sourcesAreManagedAndUnsafeOrDuplicateOnesRefused() throws Exception {
        for (String unsafe : List.of("http://10.1.2.3/feed.xml", "http://169.254.169.254/latest/meta-data/",
                "file:///etc/passwd", "not a url")) {
            HttpResponse<String> refused = api.send("POST", "/api/v1/sources", IngestApi.WRITER,
                    "{\"url\": \"%s\"}".formatted(unsafe));
            assertThat(refused.statusCode()).as(unsafe).isEqualTo(400);
            assertThat(api.json(refused).get("errors").findValuesAsString("field")).containsExactly("url");
        }
        HttpResponse<String> tooOften = api.send("POST", "/api/v1/sources", IngestApi.WRITER,
                "{\"url\": \"%s\", \"pollInterval\": \"PT0.1S\"}".formatted(server.url()));
        assertThat(tooOften.statusCode()).isEqualTo(400);

        String id = addSource(server.url());
        assertThat(api.send("POST", "/api/v1/sources", IngestApi.WRITER, "{\"url\": \"%s\"}".formatted(server.url())).statusCode())
                .isEqualTo(409);
        assertThat(api.send("GET", "/api/v1/sources", IngestApi.READER, null).statusCode()).as("needs sources:read").isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/sources", IngestApi.WRITER, null).body()).contains(id);
        assertThat(api.send("DELETE", "/api/v1/sources/" + id, IngestApi.WRITER, null).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/api/v1/sources/" + id, IngestApi.WRITER, null).statusCode()).isEqualTo(404);
    }

    private String addSource(String url) throws Exception {
        HttpResponse<String> created = api.send("POST", "/api/v1/sources", IngestApi.WRITER,
                "{\"url\": \"%s\", \"pollInterval\": \"PT1S\", \"defaultCategories\": [\"Local\"]}".formatted(url));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return api.json(created).get("id").asString();
    }

    /** Polls (as the scheduler would) until the server has been fetched {@code count} times. */
    private void pollUntilFetched(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            poller.pollDue();
            return server.fetches() >= count;
        });
    }

    private JsonNode state(String id) throws Exception {
        return api.json(api.send("GET", "/api/v1/sources/" + id, IngestApi.WRITER, null));
    }
}
