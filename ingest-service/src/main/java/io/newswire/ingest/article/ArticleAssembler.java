package io.newswire.ingest.article;

import io.newswire.events.Article;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Turns a validated submission into the article snapshot that goes on the topic: the identity
 * derived from the canonical URL, the body sanitized with absolute URLs, text fields trimmed.
 */
class ArticleAssembler {

    /** RFC 4122 namespace for URLs: the id of an article is the name-based UUID of its URL. */
    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    // Rich text a newsroom body needs; no scripts, event handlers, forms or javascript: URLs.
    // Iframes pass the allow-list here and are then kept only from the configured embed hosts.
    private static final Safelist BODY = Safelist.relaxed()
            .addTags("figure", "figcaption", "hr", "s", "mark", "time", "iframe")
            .addAttributes("time", "datetime")
            .addAttributes("iframe", "src", "width", "height", "title", "allowfullscreen")
            .addProtocols("iframe", "src", "https")
            .preserveRelativeLinks(false);

    private final Clock clock;
    private final Set<String> embedHosts;

    ArticleAssembler(Clock clock, Set<String> embedHosts) {
        this.clock = clock;
        this.embedHosts = embedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The content of an article as submitted: sanitized, trimmed, with the given identity and
     * publication time; version 0 and no update time, which the {@link ArticleEditor} decides.
     */
    Article content(ArticleSubmission submission, String id, URI canonicalUrl, Instant publishedAt) {
        return new Article(
                id,
                0,
                canonicalUrl,
                submission.title().strip(),
                trimToNull(submission.summary()),
                sanitize(submission.contentHtml(), canonicalUrl),
                authors(submission.authors()),
                strip(submission.categories()),
                strip(submission.tags()),
                trimToNull(submission.language()),
                publishedAt,
                null,
                leadImage(submission.leadImage()));
    }

    /** The canonical form of a submitted URL: the identity of the story. */
    URI canonicalUrl(String url) {
        return CanonicalUrl.canonicalize(URI.create(url.strip()));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String idFor(URI canonicalUrl) {
        return nameBasedUuid(URL_NAMESPACE, canonicalUrl.toString()).toString();
    }

    private String sanitize(String html, URI base) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document body = Jsoup.parseBodyFragment(Jsoup.clean(html, base.toString(), BODY), base.toString());
        for (Element iframe : body.select("iframe")) {
            URI src = URI.create(iframe.attr("src"));
            if (src.getHost() == null || !embedHosts.contains(src.getHost().toLowerCase(Locale.ROOT))) {
                iframe.remove();
            }
        }
        return body.body().html();
    }

    private static List<Article.Author> authors(List<ArticleSubmission.AuthorSubmission> authors) {
        if (authors == null) {
            return List.of();
        }
        return authors.stream()
                .map(a -> new Article.Author(a.name().strip(), a.url() == null ? null : URI.create(a.url().strip())))
                .toList();
    }

    private static Article.LeadImage leadImage(ArticleSubmission.LeadImageSubmission image) {
        if (image == null) {
            return null;
        }
        return new Article.LeadImage(URI.create(image.url().strip()), trimToNull(image.altText()),
                trimToNull(image.mediaType()), image.width(), image.height());
    }

    private static List<String> strip(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).distinct().toList();
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** UUID version 5 (SHA-1, name-based) as RFC 4122 section 4.3 defines it. */
    private static UUID nameBasedUuid(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(namespace));
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", ex);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return bytes;
    }
}
