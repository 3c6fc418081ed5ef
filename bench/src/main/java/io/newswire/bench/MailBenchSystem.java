package io.newswire.bench;

import io.newswire.embedded.LocalKafkaBroker;
import io.newswire.embedded.LocalPostgres;
import io.newswire.events.ArticleTopic;
import io.newswire.local.ServiceProcess;
import io.newswire.local.StartedComponents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the newsletter and social benchmarks share: a fresh broker and database on 127.0.0.1 (in
 * this JVM, as the local run starts them), notify-service as a child JVM against them, a producer
 * that writes stories onto {@code newswire.articles} as ingest does, and the machine's description
 * for the raw results. Everything lives in a temporary directory deleted on {@link #close}.
 */
final class MailBenchSystem implements AutoCloseable {

    private final Path root;
    private final Path work;
    private final String name;
    private final StartedComponents running = new StartedComponents();
    private LocalKafkaBroker kafka;
    private LocalPostgres postgres;
    private KafkaProducer<String, String> producer;

    private MailBenchSystem(Path root, Path work, String name) {
        this.name = name;
        this.root = root;
        this.work = work;
    }

    /** Starts the broker and the database side by side. */
    static MailBenchSystem start(Path root, String name) throws IOException {
        Path work = Files.createTempDirectory("newswire-bench-" + name + "-");
        MailBenchSystem system = new MailBenchSystem(root, work, name);
        try {
            int kafkaPort = freePort();
            int controllerPort = freePort();
            CompletableFuture<LocalKafkaBroker> kafka = CompletableFuture.supplyAsync(
                    () -> LocalKafkaBroker.start(kafkaPort, controllerPort, work.resolve("kafka")));
            CompletableFuture<LocalPostgres> postgres = CompletableFuture.supplyAsync(() -> LocalPostgres.start(0, null));
            system.postgres = system.register(postgres.join());
            system.kafka = system.register(kafka.join());
            system.producer = system.register(new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer()));
            return system;
        }
        catch (RuntimeException ex) {
            system.close();
            throw ex;
        }
    }

    /**
     * Starts notify-service against this broker and database and the given SMTP port, and waits
     * until it is ready. Its log is {@code bench/target/<name>-logs/notify-service.log}.
     */
    ServiceProcess startNotify(int smtpPort, List<String> jvmOptions, List<String> args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", String.valueOf(smtpPort));
        env.put("NEWSWIRE_SUBSCRIPTIONS_TOKEN_SECRET", UUID.randomUUID().toString() + UUID.randomUUID());
        int port = freePort();
        env.put("NEWSWIRE_SUBSCRIPTIONS_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        ServiceProcess notify = register(ServiceProcess.start(root, "notify-service", "io.newswire.notify.NotifyApplication",
                port, env, args, root.resolve("bench/target/" + name + "-logs"), jvmOptions));
        return notify.awaitReady(Duration.ofSeconds(240));
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    long count(String sql) {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(sql, ex);
        }
    }

    void execute(String sql) {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(sql, ex);
        }
    }

    /**
     * Writes a new story onto the article topic as ingest does (key the id, CloudEvents headers,
     * the JSON snapshot) without waiting for the broker; {@link #flush} waits for every one.
     */
    Future<RecordMetadata> publish(String id, String title, String summary, String contentHtml) {
        Instant now = Instant.now();
        String json = """
                {"id":"%s","version":1,"url":"https://news.example/%s","title":"%s","summary":"%s",\
                "contentHtml":"%s","authors":[{"name":"Newsroom","url":null}],"categories":["Bench"],"tags":[],\
                "language":"en","publishedAt":"%s","updatedAt":"%s","leadImage":null}"""
                .formatted(id, id, title, summary, contentHtml, now, now);
        ProducerRecord<String, String> record = new ProducerRecord<>(ArticleTopic.NAME, id, json);
        header(record, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(record, ArticleTopic.CE_ID, UUID.randomUUID().toString());
        header(record, ArticleTopic.CE_SOURCE, "urn:newswire:bench");
        header(record, ArticleTopic.CE_TYPE, "newswire.article.published");
        header(record, ArticleTopic.CE_TIME, now.toString());
        header(record, ArticleTopic.CE_SUBJECT, id);
        header(record, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        return producer.send(record);
    }

    void flush() {
        producer.flush();
    }

    Path work() {
        return work;
    }

    /** Peak and current resident memory of a process, in MB, from /proc (Linux). */
    static long memoryMb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        }
        catch (IOException ex) {
            return -1;
        }
    }

    /** The machine, for the raw results: cores, memory, JDK and date. */
    static String machineJson() {
        long memoryMb = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryMb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        }
        catch (IOException ex) {
            // Not Linux: memory unknown.
        }
        return "\"cores\":%d,\"memoryMb\":%d,\"jdk\":\"%s %s\",\"date\":\"%s\"".formatted(
                Runtime.getRuntime().availableProcessors(), memoryMb, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Instant.now());
    }

    static void appendResult(Path file, String json) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An external program (smtp-sink, smtp-source, wrk), stopped with the rest. */
    Process startProgram(List<String> command, Path output) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        register(() -> {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        });
        return process;
    }

    <T extends AutoCloseable> T register(T component) {
        return running.add(component);
    }

    /** Stops everything in the reverse order of starting, then deletes the work directory. */
    @Override
    public synchronized void close() {
        running.close();
        if (!Files.exists(work)) {
            return;
        }
        if (System.getenv("BENCH_KEEP") == null) {
            deleteTree(work);
        }
        else {
            System.out.println("Kept " + work + " (BENCH_KEEP)");
        }
    }

    private static void deleteTree(Path path) {
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ex) {
            // A temporary directory; the OS cleans it up.
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
