package io.newswire.local;

import io.newswire.embedded.LocalKafkaBroker;
import io.newswire.embedded.LocalPostgres;
import io.newswire.embedded.LocalSmtpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole of Newswire on one machine with only a JDK: a real Kafka broker, PostgreSQL and an
 * SMTP sink with a web page, then ingest, feed and notify each as its own JVM, then a few demo
 * articles through the real push API. Any of the three infrastructure parts is left out when its
 * usual Spring environment variable points elsewhere ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS},
 * {@code SPRING_DATASOURCE_URL}, {@code SPRING_MAIL_HOST}).
 *
 * <p>Run with {@code ./mvnw -pl local-run -am spring-boot:run}; stop with Ctrl-C.
 */
public final class LocalNewswire implements AutoCloseable {

    /** The write-API key of the local run; printed at start. Production keys come from configuration. */
    public static final String DEV_API_KEY = "local-dev-key";

    private final Settings settings;
    private final StartedComponents running = new StartedComponents();
    private String bootstrapServers;
    private String jdbcUrl;
    private String smtpHost;
    private int smtpPort;
    private LocalSmtpServer smtp;

    public LocalNewswire(Settings settings) {
        this.settings = settings;
    }

    /** Ports and places; {@link #defaults(Path)} are the documented ones. */
    public record Settings(Path root, Path dataDir, int kafkaPort, int kafkaControllerPort, int postgresPort,
            int smtpPort, int mailViewerPort, int ingestPort, int feedPort, int notifyPort, boolean demoArticles) {
    }

    public static Settings defaults(Path root) {
        return new Settings(root, root.resolve(".newswire"), 9092, 9093, 15432, 2525, 8025, 8081, 8082, 8083, true);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("newswire.root", ".")).toAbsolutePath().normalize();
        LocalNewswire newswire = new LocalNewswire(defaults(root));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Newswire...");
            newswire.close();
            System.out.println("Stopped.");
        }, "newswire-shutdown"));
        try {
            newswire.start(System.getenv());
        }
        catch (RuntimeException ex) {
            System.err.println("Newswire did not start: " + ex.getMessage());
            System.exit(1);
        }
        newswire.printWelcome();
        Thread.currentThread().join();
    }

    /** Starts everything; {@code env} is the environment whose SPRING_* variables replace embedded parts. */
    public LocalNewswire start(Map<String, String> env) {
        try {
            Files.createDirectories(settings.dataDir());
            startInfrastructure(env);
            Map<String, String> serviceEnv = new HashMap<>(env);
            serviceEnv.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
            serviceEnv.put("SPRING_DATASOURCE_URL", jdbcUrl);
            serviceEnv.putIfAbsent("SPRING_DATASOURCE_USERNAME", LocalPostgres.USER);
            serviceEnv.putIfAbsent("SPRING_DATASOURCE_PASSWORD", "postgres");
            serviceEnv.put("SPRING_MAIL_HOST", smtpHost);
            serviceEnv.put("SPRING_MAIL_PORT", String.valueOf(smtpPort));
            startServices(serviceEnv);
            if (settings.demoArticles()) {
                seedDemo();
            }
            return this;
        }
        catch (IOException ex) {
            close();
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    private void startInfrastructure(Map<String, String> env) throws IOException {
        Path data = settings.dataDir();
        CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> {
            bootstrapServers = env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrapServers == null) {
                LocalKafkaBroker broker = LocalKafkaBroker.start(settings.kafkaPort(), settings.kafkaControllerPort(), data.resolve("kafka"));
                register(broker);
                bootstrapServers = broker.bootstrapServers();
            }
        });
        CompletableFuture<Void> postgres = CompletableFuture.runAsync(() -> {
            jdbcUrl = env.get("SPRING_DATASOURCE_URL");
            if (jdbcUrl == null) {
                LocalPostgres database = LocalPostgres.start(settings.postgresPort(), data.resolve("postgres"));
                register(database);
                jdbcUrl = database.jdbcUrl();
            }
        });
        smtpHost = env.get("SPRING_MAIL_HOST");
        if (smtpHost == null) {
            smtp = LocalSmtpServer.start(settings.smtpPort());
            register(smtp);
            register(MailViewer.start(smtp, settings.mailViewerPort()));
            smtpHost = smtp.host();
            smtpPort = smtp.port();
        }
        else {
            smtpPort = Integer.parseInt(env.getOrDefault("SPRING_MAIL_PORT", "25"));
        }
        CompletableFuture.allOf(kafka, postgres).join();
    }

    private void startServices(Map<String, String> env) {
        Path logs = settings.dataDir().resolve("logs");
        List<String> ingestArgs = List.of(
                "--newswire.api.clients[0].name=local-dev",
                "--newswire.api.clients[0].key-sha256=" + sha256(DEV_API_KEY),
                "--newswire.api.clients[0].scopes=articles:read,articles:write,sources:read,sources:write");
        List<String> feedArgs = List.of("--newswire.feed.public-base-url=http://127.0.0.1:" + settings.feedPort(),
                "--newswire.feed.site-link=http://127.0.0.1:" + settings.feedPort() + "/");
        ServiceProcess ingest = register(ServiceProcess.start(settings.root(), "ingest-service",
                "io.newswire.ingest.IngestApplication", settings.ingestPort(), env, ingestArgs, logs));
        ServiceProcess feed = register(ServiceProcess.start(settings.root(), "feed-service",
                "io.newswire.feed.FeedApplication", settings.feedPort(), env, feedArgs, logs));
        // The same dev key administers notify (its admin API needs scopes newsletter:admin and social:admin).
        List<String> notifyArgs = List.of(
                "--newswire.api.clients[0].name=local-dev",
                "--newswire.api.clients[0].key-sha256=" + sha256(DEV_API_KEY),
                "--newswire.api.clients[0].scopes=newsletter:admin,social:admin");
        Map<String, String> notifyEnv = new HashMap<>(env);
        // In the environment, not the command line, where any local user could read it with ps.
        notifyEnv.putIfAbsent("NEWSWIRE_SUBSCRIPTIONS_TOKEN_SECRET", tokenSecret());
        notifyEnv.put("NEWSWIRE_SUBSCRIPTIONS_PUBLIC_BASE_URL", notifyUrl());
        ServiceProcess notify = register(ServiceProcess.start(settings.root(), "notify-service",
                "io.newswire.notify.NotifyApplication", settings.notifyPort(), notifyEnv, notifyArgs, logs));
        Duration timeout = Duration.ofSeconds(180);
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> ingest.awaitReady(timeout)),
                CompletableFuture.runAsync(() -> feed.awaitReady(timeout)),
                CompletableFuture.runAsync(() -> notify.awaitReady(timeout))).join();
    }

    /**
     * The local run's key for subscriber links, made once per data directory and kept there, so
     * the unsubscribe links in mail it already sent keep working after a restart.
     */
    private String tokenSecret() {
        Path file = settings.dataDir().resolve("subscriber-token-secret");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new java.security.SecureRandom().nextBytes(random);
                Files.writeString(file, HexFormat.of().formatHex(random));
            }
            return Files.readString(file).strip();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** A demo reader (only in the embedded database) and a few stories, once per data directory. */
    private void seedDemo() throws IOException {
        Path marker = settings.dataDir().resolve("demo-seeded");
        if (Files.exists(marker)) {
            return;
        }
        if (smtp != null && jdbcUrl.contains("127.0.0.1:" + settings.postgresPort())) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "postgres")) {
                connection.createStatement().execute("""
                        INSERT INTO subscriber (email, status, confirmed_at)
                        VALUES ('reader@example.com', 'confirmed', now()) ON CONFLICT DO NOTHING""");
            }
            catch (SQLException ex) {
                throw new IllegalStateException("Could not add the demo subscriber", ex);
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String article : DemoArticles.ALL) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl() + "/api/v1/articles"))
                    .header("Authorization", "Bearer " + DEV_API_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(article))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("Demo article refused: " + response.statusCode() + " " + response.body());
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        Files.writeString(marker, "Demo articles and subscriber were added; delete this file to add them again.\n");
    }

    void printWelcome() {
        System.out.println("""

                Newswire is running.

                  Feeds        %1$s/rss.xml   %1$s/atom.xml
                  Ingest API   %2$s/api/v1/articles   (Authorization: Bearer %3$s)
                  Sign up      %4$s/subscribe   (the confirmation email lands in the mail sink)
                  Notify       %4$s/actuator/health
                  Notify admin %4$s/api/v1/admin/subscribers   (Authorization: Bearer %3$s)
                  Mail sink    %5$s
                  Kafka        %6$s   (topic newswire.articles)
                  PostgreSQL   %7$s
                  Logs         %8$s

                Publish a story:
                  curl -i -H 'Authorization: Bearer %3$s' -H 'Content-Type: application/json' \\
                    -d '{"url":"https://news.example/hello","title":"Hello, readers","summary":"Our first story"}' \\
                    %2$s/api/v1/articles

                Press Ctrl-C to stop.
                """.formatted(feedUrl(), ingestUrl(), DEV_API_KEY, notifyUrl(),
                smtp != null ? "http://127.0.0.1:" + settings.mailViewerPort() + "/  (SMTP 127.0.0.1:" + smtpPort + ")" : smtpHost + ":" + smtpPort,
                bootstrapServers, jdbcUrl, settings.dataDir().resolve("logs")));
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + settings.ingestPort();
    }

    public String feedUrl() {
        return "http://127.0.0.1:" + settings.feedPort();
    }

    public String notifyUrl() {
        return "http://127.0.0.1:" + settings.notifyPort();
    }

    public String mailViewerUrl() {
        return "http://127.0.0.1:" + settings.mailViewerPort();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private <T extends AutoCloseable> T register(T component) {
        return running.add(component);
    }

    /** Stops everything in the reverse order of starting: services first, the broker last. */
    @Override
    public void close() {
        running.close();
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
