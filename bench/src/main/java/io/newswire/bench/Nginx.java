package io.newswire.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nginx (Debian package) as a benchmark's own server: under a private prefix ({@code -p}) with
 * everything (configuration, pid, logs, temp files) in one directory, on a free port of 127.0.0.1,
 * in the foreground so that it stops with the benchmark. The figures give it one {@code server}
 * block each: a static feed ({@link FeedNginx}) or the social platforms' stand-in ({@link SocialStandIn}).
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx with {@code server} as the body of its one server block (after {@code listen}).
     *
     * @param dir     the private prefix; created, and readable by nginx's workers (they run as nobody)
     * @param workers worker processes ({@code auto}: one per core)
     * @param server  locations and directives of the server block, verbatim
     * @param probe   a path answered once nginx listens, to wait for it
     */
    static Nginx start(Path dir, String workers, String server, String probe) {
        try {
            Files.createDirectories(dir);
            for (Path path = dir; path != null && path.startsWith(dir.getParent()); path = path.getParent()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.createDirectories(dir.resolve("tmp"));
            int port = FeedBench.freePort();
            String config = """
                    daemon off;
                    worker_processes %3$s;
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
                    %4$s
                        }
                    }
                    """.formatted(dir, port, workers, server);
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config);
            Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString(), "-e",
                    dir.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            Nginx nginx = new Nginx(process, port);
            nginx.awaitListening(dir, probe, Duration.ofSeconds(10));
            return nginx;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start nginx (apt-get install nginx)", ex);
        }
    }

    private void awaitListening(Path dir, String probe, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("nginx.out")) + readIfExists(dir.resolve("error.log")));
            }
            try {
                FeedBench.get(base() + probe, Map.of());
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

    String base() {
        return "http://127.0.0.1:" + port;
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
