package io.newswire.feed.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered document as it is served: its bytes, the same bytes gzip-compressed, a strong ETag
 * for each, and when its content last changed.
 *
 * <p>Compressed at most once, at the first request that accepts gzip, rather than per request (and
 * rather than by Spring Boot's {@code server.compression}, which would compress every response
 * again and serve the identity ETag on compressed bytes); a document no client takes gzip for, such
 * as the many renditions a busy feed goes through between two polls of a gzip reader, is never
 * compressed. The gzip ETag differs from the identity one because a strong validator names exact
 * bytes. Both are hashes of the identity bytes, so any two instances holding the same articles give
 * the same ETags; Java's gzip header carries no timestamp, so the compressed bytes agree too.
 */
final class FeedDocument {

    // As Spring's HttpHeaders writes dates (RFC 9110 IMF-fixdate; two-digit day, unlike RFC_1123_DATE_TIME).
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US).withZone(ZoneId.of("GMT"));

    private final byte[] bytes;
    private final String etag;
    private final String gzipEtag;
    private final Instant lastModified;
    private final String httpLastModified;
    // Written once by whichever request first needs it; two racing requests compute the same bytes.
    private volatile byte[] gzip;

    private FeedDocument(byte[] bytes, String hash, Instant lastModified) {
        this.bytes = bytes;
        this.etag = '"' + hash + '"';
        this.gzipEtag = "\"" + hash + "-gzip\"";
        this.lastModified = lastModified;
        this.httpLastModified = lastModified == null ? null : HTTP_DATE.format(lastModified);
    }

    static FeedDocument of(byte[] bytes) {
        return of(bytes, null);
    }

    /** {@code lastModified}: newest change of what the document lists, {@code null} when that is not known. */
    static FeedDocument of(byte[] bytes, Instant lastModified) {
        return new FeedDocument(bytes, Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes)),
                lastModified);
    }

    byte[] bytes() {
        return bytes;
    }

    String etag() {
        return etag;
    }

    /** The bytes gzip-compressed, compressed at the first call. */
    byte[] gzip() {
        byte[] compressed = gzip;
        if (compressed == null) {
            compressed = gzip(bytes);
            gzip = compressed;
        }
        return compressed;
    }

    String gzipEtag() {
        return gzipEtag;
    }

    /** Newest change of what the document lists, {@code null} when that is not known. */
    Instant lastModified() {
        return lastModified;
    }

    /** {@link #lastModified()} as the Last-Modified header writes it, formatted once. */
    String httpLastModified() {
        return httpLastModified;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", ex);
        }
    }
}
