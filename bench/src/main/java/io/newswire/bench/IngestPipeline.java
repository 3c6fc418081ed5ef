package io.newswire.bench;

import io.newswire.embedded.LocalKafkaBroker;
import io.newswire.embedded.LocalPostgres;
import io.newswire.local.LocalNewswire;
import io.newswire.local.ServiceProcess;
import io.newswire.local.StartedComponents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The publishing half of Newswire for a benchmark: a real broker and PostgreSQL (temporary, free
 * ports, all on 127.0.0.1), ingest-service and optionally feed-service as their own JVMs, started
 * with the local run's parts ({@link ServiceProcess}, the dev API key) but without notify-service,
 * the mail sink or demo articles, which would only take CPU from what is measured. Services get
 * the full JIT (not the local run's quick-start C1), as in production.
 */
final class IngestPipeline implements AutoCloseable {

    static final String API_KEY = LocalNewswire.DEV_API_KEY;

    private final StartedComponents running = new StartedComponents();
    private String bootstrapServers;
    private int ingestPort;
    private long ingestPid;
    private int feedPort;

    /**
     * @param root          the reactor's root directory
     * @param logDir        where the services' logs go
     * @param withFeed      also start feed-service
     * @param ingestJvmOptions extra JVM options for ingest-service (e.g. a flight recording)
     */
    static IngestPipeline start(Path root, Path logDir, boolean withFeed, List<String> ingestJvmOptions) {
        IngestPipeline pipeline = new IngestPipeline();
        // Ctrl-C, the script's trap or its timeout: still stop the services, the broker and the database.
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "bench-shutdown"));
        try {
            pipeline.startAll(root, logDir, withFeed, ingestJvmOptions);
            return pipeline;
        }
        catch (RuntimeException ex) {
            pipeline.close();
            throw ex;
        }
    }

    private void startAll(Path root, Path logDir, boolean withFeed, List<String> ingestJvmOptions) {
        CompletableFuture<LocalKafkaBroker> kafka = CompletableFuture.supplyAsync(() -> register(LocalKafkaBroker.start(0, 0, null)));
        CompletableFuture<LocalPostgres> postgres = CompletableFuture.supplyAsync(() -> register(LocalPostgres.start(0, null)));
        CompletableFuture.allOf(kafka, postgres).join();
        bootstrapServers = kafka.join().bootstrapServers();
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SPRING_DATASOURCE_URL", postgres.join().jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", LocalPostgres.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.join().password());
        ingestPort = freePort();
        List<String> jvm = new ArrayList<>(List.of("-Xss512k", "-Xmx1g"));
        jvm.addAll(ingestJvmOptions);
        List<String> ingestArgs = List.of(
                "--newswire.api.clients[0].name=bench",
                "--newswire.api.clients[0].key-sha256=" + sha256(API_KEY),
                "--newswire.api.clients[0].scopes=articles:read,articles:write");
        ServiceProcess ingest = register(ServiceProcess.start(root, "ingest-service", "io.newswire.ingest.IngestApplication",
                ingestPort, env, ingestArgs, logDir, jvm));
        ingestPid = ingest.pid();
        ServiceProcess feed = null;
        if (withFeed) {
            feedPort = freePort();
            List<String> feedArgs = List.of("--newswire.feed.public-base-url=http://127.0.0.1:" + feedPort,
                    "--newswire.feed.site-link=http://127.0.0.1:" + feedPort + "/");
            feed = register(ServiceProcess.start(root, "feed-service", "io.newswire.feed.FeedApplication",
                    feedPort, env, feedArgs, logDir, List.of("-Xss512k", "-Xmx1g")));
        }
        Duration timeout = Duration.ofSeconds(180);
        ingest.awaitReady(timeout);
        if (feed != null) {
            feed.awaitReady(timeout);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** ingest-service's process id, to read its CPU time or attach a profiler. */
    long ingestPid() {
        return ingestPid;
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    String feedUrl() {
        return "http://127.0.0.1:" + feedPort;
    }

    private <T extends AutoCloseable> T register(T component) {
        return running.add(component);
    }

    /** Services first, the broker and the database last. */
    @Override
    public void close() {
        running.close();
    }

    /** A free port on 127.0.0.1, so a benchmark never collides with a local run or another benchmark. */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
