package io.newswire.notify.social;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server that stands in for a platform's API in tests: it records every request as
 * it arrived (method, path and query, headers, body bytes) so the test can check it exactly as the
 * platform documents it, and answers with the responses the test queued, in order (then with the
 * fallback). Bound to 127.0.0.1 on a free port.
 */
public final class PlatformStandIn implements AutoCloseable {

    /** A request as the server received it, and when. Header names are lower-cased. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
            Instant arrivedAt) {

        public Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
            this(method, path, query, headers, body, Instant.now());
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, headers, body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public static Response json(int status, String json) {
            return new Response(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response status(int status) {
            return new Response(status, Map.of(), new byte[0]);
        }

        public Response withHeader(String name, String value) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(this.headers);
            headers.put(name, value);
            return new Response(status, headers, body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Function<Request, Response>> queued = new ArrayDeque<>();
    private volatile Function<Request, Response> fallback = request -> Response.status(404);

    public PlatformStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", exchange -> {
            Instant arrivedAt = Instant.now();
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes(), arrivedAt);
            requests.add(request);
            Function<Request, Response> answer;
            synchronized (queued) {
                answer = queued.isEmpty() ? fallback : queued.poll();
            }
            Response response = answer.apply(request);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
            exchange.close();
        });
        server.start();
    }

    /** The root URL, e.g. {@code http://127.0.0.1:41234}, to configure as an account's {@code apiBase}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues the next answer. */
    public PlatformStandIn then(Response response) {
        return then(request -> response);
    }

    /** Queues the next answer, computed from the request. */
    public PlatformStandIn then(Function<Request, Response> answer) {
        synchronized (queued) {
            queued.add(answer);
        }
        return this;
    }

    /** The answer once the queue is empty (404 by default). */
    public PlatformStandIn otherwise(Function<Request, Response> answer) {
        this.fallback = answer;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("Expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
