package io.newswire.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run as a user starts it, with nothing set in the environment: its own broker,
 * database and SMTP sink, the three services, and the demo stories, which a reader finds in the
 * feed and in the mail sink's page. Only the ports differ from the documented ones, so the test
 * never collides with a local run someone has open.
 */
class LocalRunTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void localRunServesTheDemoStoriesInTheFeedsAndShowsTheirEmails(@TempDir Path dataDir) throws Exception {
        Path root = Path.of(System.getProperty("newswire.root", "..")).toAbsolutePath().normalize();
        LocalNewswire.Settings settings = new LocalNewswire.Settings(root, dataDir, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), true);

        try (LocalNewswire newswire = new LocalNewswire(settings).start(Map.of())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String rss = get(newswire.feedUrl() + "/rss.xml");
                assertThat(rss).contains("New tram line opens across the river", "Астық жинау науқаны аяқталды",
                        "Comet visible to the naked eye this week 🌠");
                assertThat(get(newswire.feedUrl() + "/atom.xml")).contains("New tram line opens across the river");
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(newswire.mailViewerUrl() + "/"))
                    .contains("Mail received by the local SMTP sink (3)")
                    .contains("reader@example.com")
                    .contains("Астық жинау науқаны аяқталды"));
            // The printed dev key also administers notify.
            HttpResponse<String> subscribers = http.send(HttpRequest.newBuilder(
                            URI.create(newswire.notifyUrl() + "/api/v1/admin/subscribers"))
                    .header("Authorization", "Bearer " + LocalNewswire.DEV_API_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(subscribers.statusCode()).isEqualTo(200);
            assertThat(subscribers.body()).contains("\"confirmed\":1");
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
