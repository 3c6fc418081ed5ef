package io.newswire.feed;

import static io.newswire.feed.FeedAssertions.assertReadableJson;
import static io.newswire.feed.FeedAssertions.assertReadableXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.testsupport.Feedparser;
import io.newswire.testsupport.RealInfrastructure;
import io.newswire.testsupport.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * An article's life through the real broker, and a second instance started afterwards that must
 * rebuild the same feeds from the topic alone: the same bytes, the same ETags.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@Import(RecordedFeedChanges.class)
class FeedRestartIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // How soon a change shows is a performance figure: it is measured by the publish-to-feed
    // benchmark (issue 7), not asserted here, where a slow CI machine would make it flaky.
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ArticleTopicWriter TOPIC = new ArticleTopicWriter();

    @LocalServerPort
    private int port;

    @AfterAll
    static void closeWriter() {
        TOPIC.close();
    }

    @Test
    void updatedArticleKeepsItsIdAndRetractedOneLeavesEveryFeedAlsoAfterARestart() {
        String category = "restart" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String kept = UUID.randomUUID().toString();
        String retracted = UUID.randomUUID().toString();
        Instant published = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        Instant updated = published.plusSeconds(300);
        TOPIC.publish("newswire.article.published", kept,
                ArticleTopicWriter.article(kept, 1, "Early headline", category, published, published));
        TOPIC.publish("newswire.article.published", retracted,
                ArticleTopicWriter.article(retracted, 1, "Story to withdraw", category, published.minusSeconds(60),
                        published.minusSeconds(60)));
        List<String> feeds = List.of("/rss.xml", "/atom.xml", "/feed.json", "/categories/" + category + "/rss.xml",
                "/categories/" + category + "/atom.xml", "/categories/" + category + "/feed.json");
        await().atMost(PATIENCE).until(() -> text(get(port, feeds.get(3))).contains(retracted));

        TOPIC.publish("newswire.article.updated", kept,
                ArticleTopicWriter.article(kept, 2, "Corrected headline", category, published, updated));
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> feeds.forEach(feed ->
                assertThat(text(get(port, feed))).contains("Corrected headline").doesNotContain("Early headline")));
        TOPIC.publish("newswire.article.retracted", retracted,
                ArticleTopicWriter.article(retracted, 2, "Story to withdraw", category, published, updated));
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> feeds.forEach(feed ->
                assertThat(text(get(port, feed))).doesNotContain(retracted)));

        assertUpdatedAndRetracted(port, category, kept, updated);

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(FeedApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafkaBootstrapServers(), "--server.port=0",
                "--spring.profiles.active=test")) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            await().atMost(PATIENCE).untilAsserted(() -> {
                for (String feed : feeds) {
                    HttpResponse<byte[]> first = get(port, feed);
                    HttpResponse<byte[]> restarted = get(secondPort, feed);
                    assertThat(restarted.body()).as(feed).isEqualTo(first.body());
                    assertThat(restarted.headers().firstValue("ETag")).as(feed)
                            .isEqualTo(first.headers().firstValue("ETag"));
                    assertThat(restarted.headers().firstValue("Last-Modified")).as(feed)
                            .isEqualTo(first.headers().firstValue("Last-Modified"));
                }
            });
            assertUpdatedAndRetracted(secondPort, category, kept, updated);
        }
    }

    /** Every format of the category's feeds lists the update under its first id with its new time, and not the retraction. */
    private static void assertUpdatedAndRetracted(int port, String category, String kept, Instant updated) {
        String prefix = "/categories/" + category;
        Feedparser.Entry rss = assertReadableXml(get(port, prefix + "/rss.xml").body(), kept).entries().get(0);
        Feedparser.Entry atom = assertReadableXml(get(port, prefix + "/atom.xml").body(), kept).entries().get(0);
        JsonNode json = assertReadableJson(get(port, prefix + "/feed.json").body(), kept).path("items").get(0);
        assertThat(rss.title()).isEqualTo("Corrected headline");
        assertThat(rss.updated()).isEqualTo(updated.toString());
        assertThat(atom.title()).isEqualTo("Corrected headline");
        assertThat(atom.updated()).isEqualTo(updated.toString());
        assertThat(json.path("title").asString()).isEqualTo("Corrected headline");
        assertThat(json.path("date_modified").asString()).isEqualTo(updated.toString());
        assertThat(text(get(port, "/feeds.opml"))).contains("/categories/" + category + "/rss.xml");
    }

    private static HttpResponse<byte[]> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (Exception ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
