package io.newswire.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    private final Process process;
    private final int port;

    private FeedNginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Serves {@code body} at {@code /rss.xml} with the given headers (ETag, Content-Type,
     * Cache-Control, Last-Modified and any others such as Vary and Link, copied verbatim).
     */
    static FeedNginx serve(Path dir, byte[] body, Map<String, String> headers) {
        try {
            Files.createDirectories(dir);
            // nginx's workers run as nobody: they must reach the file through the private temp directories.
            for (Path path = dir; path != null && path.startsWith(dir.getParent()); path = path.getParent()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path www = Files.createDirectories(dir.resolve("www"));
            Files.createDirectories(dir.resolve("tmp"));
            Path file = www.resolve("rss.xml");
            Files.write(file, body);
            String lastModified = headers.get("last-modified");
            if (lastModified != null) {
                Files.setLastModifiedTime(file, FileTime.from(
                        ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            }
            int port = FeedBench.freePort();
            String etag = headers.get("etag");
            StringBuilder added = new StringBuilder();
            headers.forEach((name, value) -> {
                if (!name.equals("content-type") && !name.equals("last-modified")) {
                    added.append("            add_header ").append(name).append(" '").append(value).append("' always;\n");
                }
            });
            String config = """
                    daemon off;
                    worker_processes auto;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        server_tokens off;
                        client_body_temp_path %1$s/tmp/body;
                        proxy_temp_path %1$s/tmp/proxy;
                        fastcgi_temp_path %1$s/tmp/fastcgi;
                        uwsgi_temp_path %1$s/tmp/uwsgi;
                        scgi_temp_path %1$s/tmp/scgi;
                        sendfile on;
                        tcp_nopush on;
                        gzip off;
                        types { }
                        server {
                            listen 127.0.0.1:%2$d;
                            root %1$s/www;
                            location = /rss.xml {
                                default_type '%3$s';
                                etag off;
                    %4$s            if ($http_if_none_match = '%5$s') {
                                    # An if block takes no add_header from its location once it has its own.
                    %4$s                add_header Last-Modified '%6$s' always;
                                    return 304;
                                }
                            }
                        }
                    }
                    """.formatted(dir, port, headers.get("content-type"), added, etag, lastModified);
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config);
            Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString(), "-e",
                    dir.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            FeedNginx nginx = new FeedNginx(process, port);
            nginx.awaitListening(dir, Duration.ofSeconds(10));
            return nginx;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start nginx (apt-get install nginx)", ex);
        }
    }

    private void awaitListening(Path dir, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("nginx.out")) + readIfExists(dir.resolve("error.log")));
            }
            try {
                FeedBench.get(url(), Map.of());
                return;
            }
            catch (IOException ex) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not listen within " + timeout, ex);
                }
            }
            try {
                // The launcher's own poll interval while nginx binds its port.
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    String url() {
        return "http://127.0.0.1:" + port + "/rss.xml";
    }

    /** nginx's fast shutdown (SIGTERM to the master, which stops its workers). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
