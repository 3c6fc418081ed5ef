package io.newswire.feed.websub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a hub stand-in on 127.0.0.1 that checks each request as the WebSub spec describes publishing. */
class HubAnnouncerTest {

    private HttpServer hub;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startHub() throws Exception {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/hub", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean wellFormed = exchange.getRequestMethod().equals("POST")
                        && "application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                        && body.startsWith("hub.mode=publish&hub.url=");
                if (!wellFormed) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                if (failuresLeft.getAndDecrement() > 0) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                accepted.add(URLDecoder.decode(body.substring("hub.mode=publish&hub.url=".length()), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        hub.start();
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    @Test
    void changedFeedIsAnnouncedToTheHubAsAFormEncodedPublish() {
        try (HubAnnouncer announcer = announcer(3)) {
            announcer.changed(List.of(URI.create("https://news.example/categories/city/rss.xml?x=1&y=2")));

            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 1);
            assertThat(accepted).containsExactly("https://news.example/categories/city/rss.xml?x=1&y=2");
        }
    }

    @Test
    void failedAnnouncementIsRetriedWithGrowingBackOffUntilTheHubAccepts() {
        failuresLeft.set(2);
        try (HubAnnouncer announcer = announcer(5)) {
            announcer.changed(List.of(URI.create("https://news.example/rss.xml")));

            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 1);
            assertThat(requests).hasValue(3);
            assertThat(announcer.backOff(1)).isEqualTo(Duration.ofMillis(50));
            assertThat(announcer.backOff(2)).isEqualTo(Duration.ofMillis(100));
            assertThat(announcer.backOff(20)).isEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void announcementIsGivenUpAfterTheLastAttempt() {
        failuresLeft.set(100);
        try (HubAnnouncer announcer = announcer(3)) {
            announcer.changed(List.of(URI.create("https://news.example/atom.xml")));

            await().atMost(Duration.ofSeconds(5)).until(() -> requests.get() == 3);
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> requests.get() == 3);
            assertThat(accepted).isEmpty();
        }
    }

    @Test
    void noHubsMeansNothingIsSent() {
        try (HubAnnouncer announcer = new HubAnnouncer(new WebSubProperties(List.of(), Duration.ofMillis(50),
                Duration.ofMillis(500), 3), HttpClient.newHttpClient(), Executors.newSingleThreadScheduledExecutor())) {
            announcer.changed(List.of(URI.create("https://news.example/rss.xml")));
        }
        assertThat(requests).hasValue(0);
    }

    private HubAnnouncer announcer(int maxAttempts) {
        URI hubUrl = URI.create("http://127.0.0.1:" + hub.getAddress().getPort() + "/hub");
        return new HubAnnouncer(new WebSubProperties(List.of(hubUrl), Duration.ofMillis(50), Duration.ofMillis(500), maxAttempts),
                HttpClient.newHttpClient(), Executors.newSingleThreadScheduledExecutor());
    }
}
