package io.newswire.ingest.source;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A JDK HTTP server on 127.0.0.1 with a free port, recording every request it is sent. */
final class LocalFeedServer implements AutoCloseable {

    record Request(String method, String path, Headers headers) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    LocalFeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(executor);
        server.start();
    }

    /** Handles {@code path} and everything under it. */
    void on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers));
            try (exchange) {
                handler.handle(exchange);
            }
        });
    }

    /** Answers {@code path} with a fixed body. */
    void serve(String path, String contentType, byte[] body) {
        on(path, exchange -> respond(exchange, 200, contentType, body));
    }

    /** Answers {@code path} with a test resource. */
    void serveResource(String path, String contentType, String resource) {
        serve(path, contentType, resource(resource));
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requestsTo(String path) {
        return requests.stream().filter(request -> request.path().startsWith(path)).toList();
    }

    /**
     * For handlers that pace their output: waits up to {@code pause}, returning early (true) once
     * the test has closed the server, so no handler outlives its test.
     */
    boolean pauseUnlessClosed(Duration pause) {
        try {
            return closing.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = status == 304 || status == 204 || body == null || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = LocalFeedServer.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource feeds/" + name);
            }
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
