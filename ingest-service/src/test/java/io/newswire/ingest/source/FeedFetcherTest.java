package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final byte[] FEED = LocalFeedServer.resource("wordpress-rss2.xml");

    private final LocalFeedServer server = new LocalFeedServer();
    private final FetchPolicy policy = FetchPolicy.defaults().allowingLoopback();
    private final LoopbackOnlyHttpClient client = new LoopbackOnlyHttpClient(FeedFetcher.httpClientFor(policy));
    private final FeedFetcher fetcher =
            new FeedFetcher(policy, Clock.fixed(NOW, ZoneOffset.UTC), InetAddress::getAllByName, client);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void fetchedFeedComesBackWithItsHeadersAndParses() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            exchange.getResponseHeaders().set("Last-Modified", "Sun, 29 Nov 2026 10:15:42 GMT");
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=900");
            LocalFeedServer.respond(exchange, 200, "application/rss+xml; charset=UTF-8", FEED);
        });

        FetchResult result = fetcher.fetch(server.uri("/feed"), null, null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo(FEED);
        assertThat(result.contentType()).isEqualTo("application/rss+xml; charset=UTF-8");
        assertThat(result.etag()).isEqualTo("\"v1\"");
        assertThat(result.lastModified()).isEqualTo(Instant.parse("2026-11-29T10:15:42Z"));
        assertThat(result.maxAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(result.retryAfter()).isNull();
        assertThat(result.finalUrl()).isEqualTo(server.uri("/feed"));
        assertThat(new FeedParser().parse(result.body(), result.contentType(), result.finalUrl()).items()).hasSize(2);
    }

    @Test
    void requestSaysWhoWeAreWhatWeAcceptAndThatGzipIsWelcome() throws Exception {
        server.serve("/feed", "application/rss+xml", FEED);

        fetcher.fetch(server.uri("/feed"), null, null);

        LocalFeedServer.Request request = server.requestsTo("/feed").get(0);
        assertThat(request.header("User-Agent")).isEqualTo("Newswire/0.1 (+https://github.com/newswire)");
        assertThat(request.header("Accept")).contains("application/rss+xml", "application/atom+xml", "application/feed+json");
        assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
        assertThat(request.header("If-None-Match")).isNull();
        assertThat(request.header("If-Modified-Since")).isNull();
    }

    @Test
    void conditionalGetGets304WhenTheEtagStillMatches() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            exchange.getResponseHeaders().set("Last-Modified", "Sun, 29 Nov 2026 10:15:42 GMT");
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                LocalFeedServer.respond(exchange, 304, null, null);
            }
            else {
                LocalFeedServer.respond(exchange, 200, "application/rss+xml", FEED);
            }
        });

        FetchResult first = fetcher.fetch(server.uri("/feed"), null, null);
        FetchResult second = fetcher.fetch(server.uri("/feed"), first.etag(), first.lastModified());

        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
        assertThat(second.etag()).isEqualTo("\"v1\"");
        LocalFeedServer.Request conditional = server.requestsTo("/feed").get(1);
        assertThat(conditional.header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(conditional.header("If-Modified-Since")).isEqualTo("Sun, 29 Nov 2026 10:15:42 GMT");
    }

    @Test
    void gzipBodyIsDecompressed() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            LocalFeedServer.respond(exchange, 200, "application/rss+xml", gzip(FEED));
        });

        FetchResult result = fetcher.fetch(server.uri("/feed"), null, null);

        assertThat(result.body()).isEqualTo(FEED);
    }

    @Test
    void corruptGzipIsAnIoFailure() {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            LocalFeedServer.respond(exchange, 200, "application/rss+xml",
                    "not gzip at all".getBytes(StandardCharsets.UTF_8));
        });

        FetchException failure = fetchFails("/feed");

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.IO);
    }

    @Test
    void redirectsAreFollowedHopByHopAndTheFinalUrlReported() throws Exception {
        for (int hop = 1; hop <= 5; hop++) {
            String next = hop == 5 ? "/moved/feed.xml" : "/hop" + (hop + 1);
            int status = new int[] {301, 302, 303, 307, 308}[hop - 1];
            server.on("/hop" + hop, exchange -> {
                exchange.getResponseHeaders().set("Location", next);
                LocalFeedServer.respond(exchange, status, null, null);
            });
        }
        server.serve("/moved/feed.xml", "application/rss+xml", FEED);

        FetchResult result = fetcher.fetch(server.uri("/hop1"), null, null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.finalUrl()).isEqualTo(server.uri("/moved/feed.xml"));
        assertThat(client.requests()).hasSize(6);
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSeconds() {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "120");
            LocalFeedServer.respond(exchange, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
        });

        FetchException failure = fetchFails("/feed");

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.HTTP_ERROR);
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void serviceUnavailableCarriesRetryAfterGivenAsADate() {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "Sun, 29 Nov 2026 12:30:00 GMT");
            LocalFeedServer.respond(exchange, 503, null, null);
        });

        FetchException failure = fetchFails("/feed");

        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void notFoundIsAnHttpErrorWithoutRetryAfter() {
        server.on("/feed", exchange ->
                LocalFeedServer.respond(exchange, 404, "text/html", "<h1>gone</h1>".getBytes(StandardCharsets.UTF_8)));

        FetchException failure = fetchFails("/feed");

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.HTTP_ERROR);
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure).hasMessageContaining("HTTP 404");
    }

    @Test
    void unknownHostIsAnIoFailure() {
        FeedFetcher noDns = new FeedFetcher(policy, Clock.systemUTC(), host -> {
            throw new UnknownHostException(host);
        }, client);

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> noDns.fetch(URI.create("https://nowhere.invalid/feed"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.IO);
        assertThat(client.requests()).isEmpty();
    }

    @Test
    void closedPortIsAnIoFailure() {
        URI url = server.uri("/feed");
        server.close();

        FetchException failure = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(url, null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.IO);
    }

    private FetchException fetchFails(String path) {
        return catchThrowableOfType(FetchException.class, () -> fetcher.fetch(server.uri(path), null, null));
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
