package io.newswire.ingest.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A newsroom's feed on 127.0.0.1: serves what the test sets, with an ETag, and counts fetches. */
final class FeedServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> feed = new AtomicReference<>("");
    private final AtomicReference<Integer> failWith = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicReference<String[]> extraHeaders = new AtomicReference<>(new String[0]);
    private volatile boolean honourEtag = true;

    FeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/feed.xml", exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                String[] extra = extraHeaders.get();
                for (int i = 0; i + 1 < extra.length; i += 2) {
                    exchange.getResponseHeaders().set(extra[i], extra[i + 1]);
                }
                Integer failure = failWith.get();
                if (failure != null) {
                    exchange.sendResponseHeaders(failure, -1);
                    return;
                }
                byte[] body = feed.get().getBytes(StandardCharsets.UTF_8);
                String etag = "\"" + Integer.toHexString(feed.get().hashCode()) + "\"";
                if (honourEtag && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
    }

    void serve(String rss) {
        feed.set(rss);
    }

    /** Headers sent with every answer, as name, value pairs. */
    void headers(String... namesAndValues) {
        extraHeaders.set(namesAndValues);
    }

    void failWith(Integer status) {
        failWith.set(status);
    }

    /** Answer every fetch in full, as a server without validators (or after a restart) would. */
    void ignoreEtags() {
        honourEtag = false;
    }

    int fetches() {
        return fetches.get();
    }

    int notModified() {
        return notModified.get();
    }

    static String rss(String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>City Desk</title><link>https://desk.example/</link>
                <description>News</description>%s</channel></rss>""".formatted(String.join("", items));
    }

    static String item(String guid, String link, String title, String description) {
        return """
                <item><guid isPermaLink="false">%s</guid><link>%s</link><title>%s</title>
                <description>%s</description><pubDate>Sun, 29 Nov 2026 10:00:00 +0000</pubDate>
                <category>City</category></item>""".formatted(guid, link, title, description);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
