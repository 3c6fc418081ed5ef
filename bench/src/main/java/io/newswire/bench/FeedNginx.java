package io.newswire.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The reference: nginx (Debian package) serving one saved feed as a static file with the feed's
 * own headers, under a private prefix ({@code -p}) with everything (pid, logs, temp files) in it.
 *
 * <p>nginx would compute its own ETag from the file's time and size, so its {@code etag} is off and
 * the feed's ETag is added as a header, with a matching {@code If-None-Match} answered 304 as the
 * service does. The file's time is the feed's Last-Modified, so nginx's own Last-Modified (and
 * If-Modified-Since handling) says the same. Compression is off on both sides for the benchmark's
 * requests: wrk sends no Accept-Encoding, and feed-service then answers the identity bytes too.
 */
final class FeedNginx implements AutoCloseable {

    private final Nginx nginx;

    private FeedNginx(Nginx nginx) {
        this.nginx = nginx;
    }

    /**
     * Serves {@code body} at {@code /rss.xml} with the given headers (ETag, Content-Type,
     * Cache-Control, Last-Modified and any others such as Vary and Link, copied verbatim).
     */
    static FeedNginx serve(Path dir, byte[] body, Map<String, String> headers) {
        try {
            Path www = Files.createDirectories(dir.resolve("www"));
            Path file = www.resolve("rss.xml");
            Files.write(file, body);
            String lastModified = headers.get("last-modified");
            if (lastModified != null) {
                Files.setLastModifiedTime(file, FileTime.from(
                        ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            }
            String etag = headers.get("etag");
            StringBuilder added = new StringBuilder();
            headers.forEach((name, value) -> {
                if (!name.equals("content-type") && !name.equals("last-modified")) {
                    added.append("            add_header ").append(name).append(" '").append(value).append("' always;\n");
                }
            });
            String server = """
                            root %5$s;
                            location = /rss.xml {
                                default_type '%1$s';
                                etag off;
                    %2$s            if ($http_if_none_match = '%3$s') {
                                    # An if block takes no add_header from its location once it has its own.
                    %2$s                add_header Last-Modified '%4$s' always;
                                    return 304;
                                }
                            }
                    """.formatted(headers.get("content-type"), added, etag, lastModified, www);
            return new FeedNginx(Nginx.start(dir, "auto", server, "/rss.xml"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String url() {
        return nginx.base() + "/rss.xml";
    }

    @Override
    public void close() {
        nginx.close();
    }
}
