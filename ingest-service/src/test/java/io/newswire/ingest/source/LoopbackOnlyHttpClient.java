package io.newswire.ingest.source;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The fetcher's real client behind a second safety net: a request to anything but 127.0.0.1 is
 * recorded and failed here, so that even a broken address guard cannot make a test send
 * traffic off this machine. Tests assert that {@link #requests()} holds only what they expect.
 */
final class LoopbackOnlyHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final List<URI> requests = new CopyOnWriteArrayList<>();

    LoopbackOnlyHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** Every URI the fetcher tried to send a request to, loopback or not. */
    List<URI> requests() {
        return List.copyOf(requests);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        requests.add(request.uri());
        if (!"127.0.0.1".equals(request.uri().getHost())) {
            return CompletableFuture.failedFuture(new IOException("test client refuses " + request.uri()));
        }
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        throw new UnsupportedOperationException("the fetcher uses sendAsync");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
