package io.newswire.feed.feed;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the feeds from {@link RenderedFeeds}: the site's, and each category's, tag's and author's,
 * in RSS, Atom and JSON Feed; and the index of them all as HTML and OPML. An existing feed is
 * normally answered before this controller, by {@link FeedServingFilter}; both answer through
 * {@link FeedResponses}, and what reaches the feed mappings here is mostly a feed that does not exist.
 *
 * <p>Each answer carries the strong ETag of its exact bytes and, for feeds, a Last-Modified; Spring
 * answers a matching {@code If-None-Match} (or, without one, a satisfied {@code If-Modified-Since})
 * with 304 and no body, and a {@code HEAD} with the headers alone (GET mappings answer HEAD).
 *
 * <p>The site's RFC 5005 archive pages ({@link FeedArchives}) are served the same way under
 * {@code /archive/{n}/}, but cached for a day rather than a minute, since a full page rarely changes.
 */
@RestController
class FeedController {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=utf-8");
    private static final MediaType OPML = MediaType.parseMediaType("text/x-opml;charset=utf-8");
    // The index changes when feeds do: the same minute as feeds get (FeedResponses.CACHE_CONTROL).
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(60));
    // Not immutable: a retraction or a back-dated story moves what an archive holds (see FeedArchives).
    private static final CacheControl ARCHIVE_CACHE = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
    // A positive page number that fits an int; anything else is no page, not a bad request.
    private static final Pattern ARCHIVE_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    private final RenderedFeeds feeds;
    private final FeedResponses responses;
    private final FeedProperties properties;

    FeedController(RenderedFeeds feeds, FeedResponses responses, FeedProperties properties) {
        this.feeds = feeds;
        this.responses = responses;
        this.properties = properties;
    }

    // Reached when FeedServingFilter left the request alone: mostly no such feed, answered with 404 here.
    @GetMapping("/{file:rss\\.xml|atom\\.xml|feed\\.json}")
    void site(@PathVariable String file, @RequestParam(defaultValue = "1") int page, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        feed(FeedScope.SITE, FeedFormat.ofFile(file), page, request, response);
    }

    @GetMapping("/{kind:categories|tags|authors}/{slug}/{file:rss\\.xml|atom\\.xml|feed\\.json}")
    void scoped(@PathVariable String kind, @PathVariable String slug, @PathVariable String file,
            @RequestParam(defaultValue = "1") int page, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        feed(new FeedScope(FeedScope.Kind.ofSegment(kind), slug), FeedFormat.ofFile(file), page, request, response);
    }

    @GetMapping("/archive/{number}/{file:rss\\.xml|atom\\.xml}")
    ResponseEntity<byte[]> archive(@PathVariable String number, @PathVariable String file,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        FeedFormat format = FeedFormat.ofFile(file);
        FeedDocument archive = (ARCHIVE_NUMBER.matcher(number).matches()
                ? feeds.archive(Integer.parseInt(number), format) : Optional.<FeedDocument>empty())
                .orElseThrow(() -> new UnknownFeedException("The site's feeds have no archive page " + number));
        String self = properties.selfLink(FeedArchives.path(Integer.parseInt(number), format));
        ResponseEntity.BodyBuilder response = serve(archive, format.contentType(), acceptEncoding, ARCHIVE_CACHE)
                .header(HttpHeaders.LINK, "<" + self + ">; rel=\"self\"");
        if (archive.lastModified() != null) {
            response.lastModified(archive.lastModified());
        }
        return response.body(gzip(acceptEncoding) ? archive.gzip() : archive.bytes());
    }

    @GetMapping("/feeds")
    ResponseEntity<byte[]> index(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encoding) {
        FeedDocument index = feeds.index();
        return serve(index, HTML, encoding).body(gzip(encoding) ? index.gzip() : index.bytes());
    }

    @GetMapping("/feeds.opml")
    ResponseEntity<byte[]> opml(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String encoding) {
        FeedDocument opml = feeds.opml();
        return serve(opml, OPML, encoding).body(gzip(encoding) ? opml.gzip() : opml.bytes());
    }

    /** An unknown category, tag or author, a page past the last, or no such archive page: RFC 9457 problem details. */
    @ExceptionHandler(UnknownFeedException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownFeedException ex, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("No such feed");
        problem.setInstance(URI.create(request.getRequestURI()));
        // Set here rather than negotiated: a feed reader asks for XML, and must still get the problem.
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private void feed(FeedScope scope, FeedFormat format, int page, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (!responses.serve(scope, format, page, request, response)) {
            throw new UnknownFeedException(scope, page);
        }
    }

    private static ResponseEntity.BodyBuilder serve(FeedDocument document, MediaType type, String acceptEncoding) {
        return serve(document, type, acceptEncoding, CACHE);
    }

    private static ResponseEntity.BodyBuilder serve(FeedDocument document, MediaType type, String acceptEncoding,
            CacheControl cache) {
        boolean gzip = gzip(acceptEncoding);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(type)
                .eTag(gzip ? document.gzipEtag() : document.etag())
                .cacheControl(cache)
                .varyBy(HttpHeaders.ACCEPT_ENCODING);
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response;
    }

    /** True when the client takes gzip: named in Accept-Encoding and not refused with {@code q=0}. */
    static boolean gzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equals("gzip") || parts[0].trim().equals("x-gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].replace(" ", "");
                    if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
