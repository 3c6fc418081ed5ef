package io.newswire.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The social platforms' stand-in: one small HTTP server for every webhook account, answering each
 * POST at once with 201 and a JSON {@code id}, as a platform that accepted the post does. It does
 * not check signatures: it is there to be fast, and its own ceiling is measured with wrk.
 */
final class SocialStandIn implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong posts = new AtomicLong();

    private SocialStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static SocialStandIn start(int threads) throws IOException {
        // Without TCP_NODELAY the server writes the headers and the body of each answer in two
        // packets and the second waits for the client's delayed ACK: 40 ms per request. Read once,
        // when the server's configuration class loads, so before the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        SocialStandIn standIn = new SocialStandIn(server, executor);
        server.createContext("/", standIn::answer);
        server.setExecutor(executor);
        server.start();
        return standIn;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long posts() {
        return posts.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            if ("POST".equals(exchange.getRequestMethod())) {
                byte[] answer = ("{\"id\":\"" + posts.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
            }
            else {
                // PUT (an edit) and DELETE (a retraction) do not happen in this benchmark.
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
