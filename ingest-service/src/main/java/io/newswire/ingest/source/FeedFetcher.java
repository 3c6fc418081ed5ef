package io.newswire.ingest.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a feed politely and defensively: conditional GET, gzip, redirects followed one hop at
 * a time with the address of each hop checked, a size cap applied while the body streams in, and
 * one deadline for the whole exchange. Thread-safe; one instance can serve every source.
 *
 * <p>Residual risk, DNS rebinding: {@link AddressGuard} resolves the host and then the HTTP
 * client resolves it again to connect, so a name that answers differently the second time could
 * reach an address that was never checked. {@code java.net.http} cannot be told which address to
 * connect to while keeping the host name for TLS and the Host header. What narrows the window:
 * both lookups go through the JVM's InetAddress cache (30 s for positive answers by default), so
 * an attacker must have the cached answer expire in the milliseconds between them. Deployments
 * that fetch untrusted URLs should still deny private ranges at the egress firewall.
 */
class FeedFetcher {

    static final String USER_AGENT = "Newswire/0.1 (+https://github.com/newswire)";

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchPolicy policy;
    private final AddressGuard guard;
    private final Clock clock;
    private final HttpClient client;

    FeedFetcher(FetchPolicy policy) {
        this(policy, Clock.systemUTC(), InetAddress::getAllByName, httpClientFor(policy));
    }

    /** For tests: a fixed clock, a resolver that needs no DNS, a client that can be watched. */
    FeedFetcher(FetchPolicy policy, Clock clock, AddressGuard.Resolver resolver, HttpClient client) {
        this.policy = policy;
        this.guard = new AddressGuard(policy, resolver);
        this.clock = clock;
        this.client = client;
    }

    /** The client this fetcher needs: no redirects of its own (each hop must be checked), no proxy. */
    static HttpClient httpClientFor(FetchPolicy policy) {
        return HttpClient.newBuilder()
                .connectTimeout(policy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                // One request per poll gains nothing from HTTP/2, and h2c upgrades upset some servers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @param etag the ETag of the last 200, sent as If-None-Match, or {@code null}
     * @param lastModified the Last-Modified of the last 200, sent as If-Modified-Since, or {@code null}
     * @return a 2xx with its body or a 304 without one
     * @throws FetchException for a refused address, a body over the cap, the deadline passing,
     *         too many redirects, an error status (with its Retry-After) or a network failure
     */
    FetchResult fetch(URI url, String etag, Instant lastModified) throws FetchException {
        long deadline = System.nanoTime() + policy.readTimeout().toNanos();
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            guard.check(current);
            HttpResponse<byte[]> response = exchange(current, etag, lastModified, deadline);
            int status = response.statusCode();
            HttpHeaders headers = response.headers();
            if (REDIRECTS.contains(status) && headers.firstValue("Location").isPresent()) {
                if (redirects >= policy.maxRedirects()) {
                    throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                            "more than " + policy.maxRedirects() + " redirects starting at " + url
                                    + ", last at " + current);
                }
                String location = headers.firstValue("Location").get();
                URI next = FeedText.resolve(current, location);
                if (next == null) {
                    throw new FetchException(FetchException.Kind.REFUSED_ADDRESS,
                            current + " redirects to " + location + ", which is not an http(s) URL");
                }
                current = next;
                continue;
            }
            Duration retryAfter =
                    CachingHeaders.retryAfter(headers.firstValue("Retry-After").orElse(null), clock.instant());
            if (status == 304 || (status >= 200 && status < 300)) {
                byte[] body = status == 304 ? new byte[0] : decoded(headers, response.body(), current);
                return new FetchResult(status, body,
                        headers.firstValue("Content-Type").orElse(null),
                        headers.firstValue("ETag").orElse(null),
                        CachingHeaders.httpDate(headers.firstValue("Last-Modified").orElse(null)),
                        retryAfter,
                        CachingHeaders.maxAge(String.join(",", headers.allValues("Cache-Control"))),
                        current);
            }
            throw FetchException.httpError(status, retryAfter, current.toString());
        }
    }

    private HttpResponse<byte[]> exchange(URI uri, String etag, Instant lastModified, long deadline)
            throws FetchException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(uri);
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri);
        }
        catch (IllegalArgumentException ex) {
            throw new FetchException(FetchException.Kind.REFUSED_ADDRESS,
                    "not a URL the HTTP client accepts: " + uri, ex);
        }
        request.GET()
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", USER_AGENT)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip");
        if (etag != null && !etag.isBlank()) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", CachingHeaders.formatHttpDate(lastModified));
        }
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), info -> {
            CappedBody subscriber = CappedBody.forResponse(info, policy.maxBodyBytes());
            body.set(subscriber);
            return subscriber;
        });
        try {
            // The request timeout above only covers the headers; this wait covers the body too.
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            abort(future, body.get());
            throw timeout(uri);
        }
        catch (InterruptedException ex) {
            abort(future, body.get());
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.IO, "interrupted while fetching " + uri, ex);
        }
        catch (ExecutionException ex) {
            throw failure(uri, ex.getCause());
        }
    }

    private static void abort(CompletableFuture<?> future, CappedBody body) {
        if (body != null) {
            body.cancel(new IOException("aborted"));
        }
        future.cancel(true);
    }

    private FetchException timeout(URI uri) {
        return new FetchException(FetchException.Kind.TIMEOUT,
                "no complete response from " + uri + " within " + policy.readTimeout().toMillis() + " ms");
    }

    private FetchException failure(URI uri, Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BodyTooLarge) {
            return tooLarge(uri, "");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchException(FetchException.Kind.TIMEOUT, "could not connect to " + uri + " within "
                    + policy.connectTimeout().toMillis() + " ms", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timeout(uri);
        }
        if (cause instanceof ConnectException) {
            return new FetchException(FetchException.Kind.IO, "could not connect to " + uri, cause);
        }
        return new FetchException(FetchException.Kind.IO, "fetching " + uri + " failed: " + cause, cause);
    }

    private FetchException tooLarge(URI uri, String how) {
        return new FetchException(FetchException.Kind.TOO_LARGE,
                "the body of " + uri + how + " is larger than " + policy.maxBodyBytes() + " bytes");
    }

    private byte[] decoded(HttpHeaders headers, byte[] body, URI uri) throws FetchException {
        String encoding = headers.firstValue("Content-Encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity") || body.length == 0) {
            return body;
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new FetchException(FetchException.Kind.IO,
                    uri + " sent an unsupported Content-Encoding: " + encoding);
        }
        // A few kilobytes of gzip can inflate to gigabytes: cap the output as well.
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                total += read;
                if (total > policy.maxBodyBytes()) {
                    throw tooLarge(uri, " once decompressed");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new FetchException(FetchException.Kind.IO, uri + " sent a corrupt gzip body", ex);
        }
    }

    /**
     * Collects a 2xx body up to the cap, cancelling the stream (and so the connection) the moment
     * it goes over; any other status's body is not read at all.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long cap;
        private final boolean wanted;
        private final boolean declaredTooLarge;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        private long received;

        private CappedBody(long cap, boolean wanted, boolean declaredTooLarge) {
            this.cap = cap;
            this.wanted = wanted;
            this.declaredTooLarge = declaredTooLarge;
        }

        static CappedBody forResponse(HttpResponse.ResponseInfo info, long cap) {
            boolean wanted = info.statusCode() >= 200 && info.statusCode() < 300;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new CappedBody(cap, wanted, declared > cap);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            if (!this.subscription.compareAndSet(null, subscription)) {
                subscription.cancel();
                return;
            }
            if (declaredTooLarge && wanted) {
                cancel(new BodyTooLarge());
            }
            else if (!wanted) {
                subscription.cancel();
                result.complete(new byte[0]);
            }
            else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                received += item.remaining();
                if (received > cap) {
                    cancel(new BodyTooLarge());
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                buffer.write(bytes, 0, bytes.length);
            }
            subscription.get().request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        void cancel(Throwable reason) {
            Flow.Subscription current = subscription.get();
            if (current != null) {
                current.cancel();
            }
            result.completeExceptionally(reason);
        }
    }

    private static final class BodyTooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("body larger than the cap");
        }
    }
}
