package io.newswire.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker: Kafka's own server code in KRaft mode, one combined broker and controller
 * bound to 127.0.0.1, formatted and started exactly as {@code kafka-storage.sh format} and
 * {@code kafka-server-start.sh} would. Used by the local run and by tests on machines without a
 * Docker engine.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** A fixed cluster id: the local cluster is one cluster, whatever directory it lives in. */
    private static final String CLUSTER_ID = "bmV3c3dpcmUtbG9jYWwtMQ";

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean temporary;

    private LocalKafkaBroker(KafkaRaftServer server, int port, Path logDir, boolean temporary) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.temporary = temporary;
    }

    /**
     * Formats (if needed) and starts a broker. {@code port} 0 picks free ports. With a log
     * directory the topics survive restarts; without one they live in a temporary directory that
     * is deleted on close.
     */
    public static LocalKafkaBroker start(int port, int controllerPort, Path logDir) {
        try {
            boolean temporary = logDir == null;
            Path dir = temporary ? Files.createTempDirectory("newswire-kafka") : Files.createDirectories(logDir);
            int brokerPort = port > 0 ? port : freePort();
            int quorumPort = controllerPort > 0 ? controllerPort : freePort();
            Properties props = serverProperties(brokerPort, quorumPort, dir);
            Path config = dir.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(config)) {
                props.store(writer, "Newswire local broker");
            }
            format(config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            LocalKafkaBroker broker = new LocalKafkaBroker(server, brokerPort, dir, temporary);
            broker.awaitReady(Duration.ofSeconds(30));
            return broker;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Kafka did not start", ex);
        }
    }

    private static Properties serverProperties(int port, int controllerPort, Path dir) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dir.resolve("data").toString()),
                Map.entry("num.partitions", "6"),
                // Topics are declared by the services that own them; a typo must not create one.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024))));
        return props;
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                }
                catch (Exception ex) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready within " + timeout, ex);
                    }
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The value for {@code bootstrap.servers} / {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }
}
