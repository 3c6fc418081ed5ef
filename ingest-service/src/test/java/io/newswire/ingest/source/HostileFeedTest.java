package io.newswire.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feeds and servers that try to hurt us. Everything runs against a server on 127.0.0.1; the
 * client under the fetcher refuses anything else, so no test here can send a packet off this
 * machine even if the address guard were broken.
 */
class HostileFeedTest {

    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    private final LocalFeedServer server = new LocalFeedServer();
    private final FeedParser parser = new FeedParser();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void externalEntityReadingALocalFileIsRefusedAndTheFileNeverAppears() throws Exception {
        server.serveResource("/feed", "application/rss+xml", "hostile/xxe-file.xml");
        FetchResult fetched = fetcher(loopbackAllowed()).fetch(server.uri("/feed"), null, null);

        FeedParseException refused = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl()));

        assertThat(refused).hasMessageStartingWith("refused: the feed declares a DOCTYPE");
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain("root:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"%s/stolen\">]><rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>",
            "<!DOCTYPE rss [<!ENTITY %% remote SYSTEM \"%s/stolen\"> %%remote;]><rss version=\"2.0\"><channel/></rss>",
            "<!DOCTYPE rss SYSTEM \"%s/stolen\" [<!ELEMENT rss ANY>]><rss version=\"2.0\"><channel/></rss>"})
    void entitiesAndDtdsPointingAtAServerAreNeverFetched(String template) {
        server.serve("/stolen", "text/plain", "secret".getBytes(StandardCharsets.UTF_8));
        byte[] feed = template.formatted(server.uri("").toString()).getBytes(StandardCharsets.UTF_8);

        FeedParseException refused = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(feed, "application/rss+xml", URI.create("https://feeds.example/rss")));

        assertThat(refused).hasMessageStartingWith("refused: the feed declares a DOCTYPE");
        assertThat(server.requestsTo("/stolen")).isEmpty();
    }

    @Test
    void externalDtdWithoutInternalSubsetIsDroppedUnreadAndTheFeedStillParses() throws Exception {
        byte[] feed = ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"" + server.uri("/evil.dtd") + "\">\n"
                + "<rss version=\"2.0\"><channel><title>t</title><link>https://a.example/</link>"
                + "<item><title>a</title><link>https://a.example/a</link></item></channel></rss>").getBytes(StandardCharsets.UTF_8);

        ParsedFeed parsed = parser.parse(feed, "application/rss+xml", URI.create("https://a.example/rss"));

        assertThat(parsed.items()).hasSize(1);
        assertThat(server.requestsTo("/evil.dtd")).isEmpty();
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        byte[] feed = LocalFeedServer.resource("hostile/billion-laughs.xml");

        FeedParseException refused = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> catchThrowableOfType(FeedParseException.class,
                        () -> parser.parse(feed, "application/rss+xml", URI.create("https://laughs.example/rss"))));

        assertThat(refused).hasMessageStartingWith("refused: the feed declares a DOCTYPE");
    }

    @Test
    void deeplyNestedJsonIsRefusedQuickly() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        byte[] feed = ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":" + nested + "}")
                .getBytes(StandardCharsets.UTF_8);

        FeedParseException refused = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> catchThrowableOfType(FeedParseException.class,
                        () -> parser.parse(feed, "application/feed+json", URI.create("https://deep.example/feed.json"))));

        assertThat(refused).hasMessageStartingWith("malformed JSON");
    }

    @Test
    void hundredMegabyteBodyIsCutOffAtTheCapAndTheServerStopsSending() {
        AtomicLong sent = new AtomicLong();
        AtomicBoolean finished = new AtomicBoolean();
        server.on("/huge", exchange -> {
            // Chunked, no Content-Length: only counting while reading can stop this one.
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < HUNDRED_MB) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            }
            catch (IOException expected) {
                // the fetcher hung up: that is the point
            }
            finally {
                finished.set(true);
            }
        });
        FetchPolicy policy = loopbackAllowed();

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(policy).fetch(server.uri("/huge"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(policy.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        await().atMost(Duration.ofSeconds(10)).untilTrue(finished);
        // The cap plus what socket buffers held when the fetcher hung up; far from 100 MB.
        assertThat(sent.get()).isLessThan(3 * policy.maxBodyBytes());
    }

    @Test
    void declaredContentLengthOverTheCapIsRefusedBeforeTheBodyIsRead() {
        AtomicLong sent = new AtomicLong();
        AtomicBoolean finished = new AtomicBoolean();
        server.on("/huge", exchange -> {
            exchange.sendResponseHeaders(200, HUNDRED_MB);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < HUNDRED_MB) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            }
            catch (IOException expected) {
                // the fetcher hung up
            }
            finally {
                finished.set(true);
            }
        });

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed().withMaxBodyBytes(1024 * 1024)).fetch(server.uri("/huge"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        await().atMost(Duration.ofSeconds(10)).untilTrue(finished);
        assertThat(sent.get()).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void gzipBombIsCutOffWhileDecompressing() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 20; i++) {
                out.write(zeros);
            }
        }
        server.on("/bomb", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            LocalFeedServer.respond(exchange, 200, "application/rss+xml", compressed.toByteArray());
        });

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed().withMaxBodyBytes(1024 * 1024)).fetch(server.uri("/bomb"), null, null));

        assertThat(compressed.size()).isLessThan(1024 * 1024);
        assertThat(failure.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(failure).hasMessageContaining("once decompressed");
    }

    @Test
    void redirectLoopFailsAfterFiveRedirects() {
        server.on("/loop", exchange -> {
            exchange.getResponseHeaders().set("Location", "/loop");
            LocalFeedServer.respond(exchange, 302, null, null);
        });

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed()).fetch(server.uri("/loop"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.TOO_MANY_REDIRECTS);
        assertThat(server.requestsTo("/loop")).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://10.0.0.1/feed",
            "http://169.254.169.254/latest/meta-data/",
            "http://192.168.1.1/rss",
            "http://172.16.5.4/rss",
            "http://100.64.0.1/rss",
            "http://0.0.0.0/rss",
            "http://224.0.0.1/rss",
            "http://[fd00::1]/rss",
            "http://[fe80::1]/rss",
            "http://[::ffff:10.0.0.1]/rss"})
    void privateAndLinkLocalAddressesAreRefusedBeforeAnyConnection(String url) {
        LoopbackOnlyHttpClient client = client(loopbackAllowed());

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed(), HostileFeedTest::literalsOnly, client).fetch(URI.create(url), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
        assertThat(client.requests()).isEmpty();
    }

    @Test
    void hostNameResolvingToAPrivateAddressIsRefusedBeforeAnyConnection() {
        LoopbackOnlyHttpClient client = client(loopbackAllowed());
        AddressGuard.Resolver dns = host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})};

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed(), dns, client)
                        .fetch(URI.create("https://intranet.newsroom.example/feed"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
        assertThat(failure).hasMessageContaining("10.1.2.3");
        assertThat(client.requests()).isEmpty();
    }

    @Test
    void loopbackIsRefusedUnlessTheConfigurationAllowsIt() {
        server.serveResource("/feed", "application/rss+xml", "wordpress-rss2.xml");
        FetchPolicy defaults = FetchPolicy.defaults();

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(defaults).fetch(server.uri("/feed"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
        assertThat(failure).hasMessageContaining("a loopback address");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void redirectToTheMetadataAddressIsRefusedAtThatHop() {
        server.on("/go", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/iam/");
            LocalFeedServer.respond(exchange, 302, null, null);
        });
        LoopbackOnlyHttpClient client = client(loopbackAllowed());

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed(), HostileFeedTest::literalsOnly, client).fetch(server.uri("/go"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
        assertThat(client.requests()).containsExactly(server.uri("/go"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/feed.xml"})
    void redirectToAnotherSchemeIsRefused(String location) {
        server.on("/go", exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            LocalFeedServer.respond(exchange, 301, null, null);
        });

        FetchException failure = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed()).fetch(server.uri("/go"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
    }

    @Test
    void serverTricklingOneBytePerSecondIsCutOffByTheReadTimeout() {
        AtomicBoolean finished = new AtomicBoolean();
        server.on("/slow", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // At most 30 bytes, one a second, ending early once the test closes the server.
                for (int i = 0; i < 30 && !server.pauseUnlessClosed(Duration.ofSeconds(1)); i++) {
                    out.write(' ');
                    out.flush();
                }
            }
            catch (IOException expected) {
                // the fetcher hung up
            }
            finally {
                finished.set(true);
            }
        });
        FeedFetcher fetcher = fetcher(loopbackAllowed().withReadTimeout(Duration.ofSeconds(1)));
        long start = System.nanoTime();

        FetchException failure =
                catchThrowableOfType(FetchException.class, () -> fetcher.fetch(server.uri("/slow"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        // The fetcher must have dropped the connection: the server notices on its next writes.
        await().atMost(Duration.ofSeconds(10)).untilTrue(finished);
    }

    @Test
    void serverThatNeverSendsHeadersIsCutOffByTheReadTimeout() {
        server.on("/silent", exchange -> server.pauseUnlessClosed(Duration.ofSeconds(30)));
        FeedFetcher fetcher = fetcher(loopbackAllowed().withReadTimeout(Duration.ofSeconds(1)));
        long start = System.nanoTime();

        FetchException failure =
                catchThrowableOfType(FetchException.class, () -> fetcher.fetch(server.uri("/silent"), null, null));

        assertThat(failure.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    private static FetchPolicy loopbackAllowed() {
        return FetchPolicy.defaults().allowingLoopback();
    }

    private static LoopbackOnlyHttpClient client(FetchPolicy policy) {
        return new LoopbackOnlyHttpClient(FeedFetcher.httpClientFor(policy));
    }

    private static FeedFetcher fetcher(FetchPolicy policy) {
        return fetcher(policy, HostileFeedTest::literalsOnly, client(policy));
    }

    private static FeedFetcher fetcher(FetchPolicy policy, AddressGuard.Resolver resolver,
            LoopbackOnlyHttpClient client) {
        return new FeedFetcher(policy, Clock.systemUTC(), resolver, client);
    }

    // Nothing in these tests may need real DNS: IP literals are resolved without a lookup.
    private static InetAddress[] literalsOnly(String host) throws UnknownHostException {
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+]")) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getAllByName(host);
    }
}
