package io.newswire.feed.feed;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Answers a request for one feed from {@link RenderedFeeds}, straight onto the servlet response: the
 * document's bytes (or its gzip copy), its strong ETag, Last-Modified, Cache-Control, Vary and the
 * WebSub Link header, or 304 to a matching conditional request, or the headers alone to HEAD.
 *
 * <p>Feeds are what readers poll, by far the most requested URLs, and each answer is bytes already in
 * memory. So this writes the answer itself, with header values prepared once per rendered document,
 * rather than through Spring MVC's handler mapping, argument resolution and message conversion, which
 * cost several times the answer itself (see bench/README-feed-serving.md). {@link FeedServingFilter}
 * uses it ahead of the whole filter chain; {@link FeedController} uses it too, so that there is one
 * way a feed is answered. The conditional semantics are RFC 9110's, as Spring's
 * {@code checkNotModified} implements them: {@code If-None-Match} (weak comparison, {@code *}) wins
 * over {@code If-Modified-Since}; requests with {@code If-Match} or {@code If-Unmodified-Since} are
 * left to Spring MVC ({@link #handles}).
 */
class FeedResponses {

    // Feed readers poll; a minute of staleness is well within what they expect and spares the service.
    static final String CACHE_CONTROL = "max-age=60";

    private final RenderedFeeds feeds;
    private final FeedProperties properties;
    private final String hubLinks;

    FeedResponses(RenderedFeeds feeds, FeedProperties properties, List<URI> hubs) {
        this.feeds = feeds;
        this.properties = properties;
        StringBuilder links = new StringBuilder();
        hubs.forEach(hub -> links.append('<').append(hub).append(">; rel=\"hub\", "));
        this.hubLinks = links.toString();
    }

    /** Whether this request is one {@link #serve} answers fully; preconditions other than caching are not. */
    static boolean handles(HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method)) && request.getHeader(HttpHeaders.IF_MATCH) == null
                && request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) == null;
    }

    /**
     * Answers with the feed if there is one.
     *
     * @return false, having written nothing, when there is no such feed or page
     */
    boolean serve(FeedScope scope, FeedFormat format, int page, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Optional<FeedDocument> found = feeds.feed(scope, format, page);
        if (found.isEmpty()) {
            return false;
        }
        FeedDocument feed = found.get();
        boolean gzip = FeedController.gzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? feed.gzipEtag() : feed.etag();
        // The same links as in the document: WebSub subscribers may read either.
        String self = properties.selfLink(scope.path(format)) + (page > 1 ? "?page=" + page : "");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        response.setHeader(HttpHeaders.LINK, hubLinks + "<" + self + ">; rel=\"self\"");
        if (feed.httpLastModified() != null) {
            response.setHeader(HttpHeaders.LAST_MODIFIED, feed.httpLastModified());
        }
        if (notModified(request, etag, feed.lastModified())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        byte[] body = gzip ? feed.gzip() : feed.bytes();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.CONTENT_TYPE, format.contentTypeHeader());
        if (gzip) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
        return true;
    }

    private static boolean notModified(HttpServletRequest request, String etag, Instant lastModified) {
        Enumeration<String> ifNoneMatch = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && ifNoneMatch.hasMoreElements()) {
            while (ifNoneMatch.hasMoreElements()) {
                if (matches(ifNoneMatch.nextElement(), etag)) {
                    return true;
                }
            }
            return false;
        }
        if (lastModified == null) {
            return false;
        }
        long since;
        try {
            since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
        }
        catch (IllegalArgumentException ex) {
            // Not a date: the header is ignored, as RFC 9110 says.
            return false;
        }
        // HTTP dates have whole seconds.
        return since >= 0 && lastModified.getEpochSecond() * 1000 <= since;
    }

    /** Weak comparison (RFC 9110 §8.8.3.2) of one If-None-Match value, a list of tags or {@code *}, with ours. */
    static boolean matches(String header, String etag) {
        String ours = opaque(etag);
        for (String tag : header.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || opaque(candidate).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
