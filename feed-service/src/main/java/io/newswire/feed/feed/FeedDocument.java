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
 * <p>Compressed once here, when rendered, rather than per request (and rather than by Spring Boot's
 * {@code server.compression}, which would compress every response again and serve the identity
 * ETag on compressed bytes). The gzip ETag differs from the identity one because a strong validator
 * names exact bytes. Both are hashes of the bytes, so any two instances holding the same articles
 * give the same ETags; Java's gzip header carries no timestamp, so the compressed bytes agree too.
 *
 * @param lastModified     newest change of what the document lists, {@code null} when that is not known
 * @param httpLastModified {@code lastModified} as the Last-Modified header writes it, formatted once here
 */
record FeedDocument(byte[] bytes, String etag, byte[] gzip, String gzipEtag, Instant lastModified,
        String httpLastModified) {

    // As Spring's HttpHeaders writes dates (RFC 9110 IMF-fixdate; two-digit day, unlike RFC_1123_DATE_TIME).
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US).withZone(ZoneId.of("GMT"));

    static FeedDocument of(byte[] bytes) {
        return of(bytes, null);
    }

    static FeedDocument of(byte[] bytes, Instant lastModified) {
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes));
        return new FeedDocument(bytes, '"' + hash + '"', gzip(bytes), "\"" + hash + "-gzip\"", lastModified,
                lastModified == null ? null : HTTP_DATE.format(lastModified));
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
