package io.newswire.bench;

import io.newswire.local.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the feed benchmarks share: starting feed-service as its own JVM, plain HTTP, and the results file. */
final class FeedBench {

    static final HttpClient HTTP = HttpClient.newBuilder()
            // HTTP/1.1 as wrk and feed readers speak it (no h2c upgrade attempt).
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private static final Pattern ITEM = Pattern.compile("<item>");

    private FeedBench() {
    }

    /** The reactor root: {@code --root DIR} or the working directory. */
    static Path root(List<String> args) {
        int i = args.indexOf("--root");
        return Path.of(i >= 0 ? args.get(i + 1) : ".").toAbsolutePath().normalize();
    }

    static int intOption(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        return i >= 0 ? Integer.parseInt(args.get(i + 1)) : fallback;
    }

    /**
     * Starts feed-service against the broker with the JVM's default options (full JIT, as it runs in
     * production), not the local run's C1-only ones.
     */
    static ServiceProcess startFeedService(Path root, String bootstrapServers, int port, Path logDir) {
        return startFeedService(root, bootstrapServers, port, logDir, List.of());
    }

    static ServiceProcess startFeedService(Path root, String bootstrapServers, int port, Path logDir,
            List<String> jvmOptions) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        List<String> args = List.of("--newswire.feed.public-base-url=http://127.0.0.1:" + port,
                "--newswire.feed.site-link=http://127.0.0.1:" + port + "/");
        return ServiceProcess.start(root, "feed-service", "io.newswire.feed.FeedApplication", port, env, args, logDir,
                jvmOptions);
    }

    static HttpResponse<byte[]> get(String url, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", ex);
        }
    }

    static int items(byte[] rss) {
        Matcher matcher = ITEM.matcher(new String(rss, StandardCharsets.UTF_8));
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The machine the figure was measured on, as JSON members: cores, memory, JDK, date. */
    static String machineJson() {
        long memoryKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        catch (IOException | NumberFormatException ex) {
            // Not Linux: the memory stays unknown (0).
        }
        return "\"date\":\"%s\",\"cores\":%d,\"memoryMiB\":%d,\"jdk\":\"%s %s\",\"os\":\"%s %s\"".formatted(
                Instant.now(), Runtime.getRuntime().availableProcessors(), memoryKb / 1024,
                System.getProperty("java.vm.name"), Runtime.version(), System.getProperty("os.name"),
                System.getProperty("os.version"));
    }

    /** Appends one JSON line to {@code bench/results/<name>.jsonl}. */
    static void appendResult(Path root, String name, String json) {
        Path file = root.resolve("bench/results/" + name + ".jsonl");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
