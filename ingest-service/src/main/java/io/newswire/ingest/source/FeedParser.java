package io.newswire.ingest.source;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a fetched body into a {@link ParsedFeed}: RSS 0.9x, 1.0 and 2.0 and Atom 1.0 through
 * Rome, JSON Feed 1.0 and 1.1 through Jackson. Stateless and thread-safe.
 */
class FeedParser {

    // Skips prolog and comments, then looks for an HTML root: the usual "feed" URL that is a page.
    private static final Pattern HTML_PAGE = Pattern.compile(
            "(?is)^(?:<\\?xml[^>]*>\\s*)?(?:<!--.*?-->\\s*)*<(?:!doctype\\s+html|html[\\s>])");

    private final XmlFeedReader xml = new XmlFeedReader();
    private final JsonFeedReader json = new JsonFeedReader();

    /**
     * @param body the response body, already decompressed and size-capped by the fetcher
     * @param contentTypeHeader the response's Content-Type, or {@code null}
     * @param feedUrl the URL the body came from (after redirects), the last resort for relative links
     * @throws FeedParseException when the body is empty, malformed, not a feed, or declares a DOCTYPE
     */
    ParsedFeed parse(byte[] body, String contentTypeHeader, URI feedUrl) throws FeedParseException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(feedUrl, "feedUrl");
        String text = FeedCharset.decode(body, contentTypeHeader);
        String start = text.stripLeading();
        if (start.isEmpty()) {
            throw new FeedParseException("empty body: no feed to read");
        }
        if (isJson(start, contentTypeHeader)) {
            return json.read(text, feedUrl);
        }
        if (HTML_PAGE.matcher(start.substring(0, Math.min(start.length(), 4096))).find()) {
            throw new FeedParseException("not a feed: the body is an HTML page");
        }
        if (start.charAt(0) != '<') {
            throw new FeedParseException("not a feed: the body is neither XML nor JSON");
        }
        return xml.read(text, feedUrl);
    }

    // The body's first character decides when it is clear; the header only breaks a tie.
    private static boolean isJson(String start, String contentType) {
        char first = start.charAt(0);
        if (first == '{') {
            return true;
        }
        if (first == '<') {
            return false;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/feed+json") || type.startsWith("application/json");
    }
}
