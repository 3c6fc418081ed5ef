package io.newswire.testsupport;

import io.newswire.embedded.LocalKafkaBroker;
import io.newswire.embedded.LocalPostgres;
import io.newswire.embedded.LocalSmtpServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place that decides where the real components of a test come from: Testcontainers where
 * a Docker engine is reachable, the embedded real ones (Kafka's own KRaft server, PostgreSQL
 * binaries) otherwise. SMTP is always GreenMail, a real SMTP server that runs in the JVM.
 *
 * <p>Each component is started once per JVM, on first use, and shared by every test in it; it
 * stops when the JVM exits. Tests never call this class for Kafka or PostgreSQL through Spring:
 * they use {@link WithKafka}, {@link WithPostgres} and {@link WithSmtp}, and do not know which
 * kind they got.
 */
public final class RealInfrastructure {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:18-alpine");

    private static Boolean dockerAvailable;
    private static KafkaContainer kafkaContainer;
    private static LocalKafkaBroker kafkaBroker;
    private static PostgreSQLContainer postgresContainer;
    private static LocalPostgres postgres;
    private static LocalSmtpServer smtp;

    private RealInfrastructure() {
    }

    /** True where Testcontainers can reach a Docker engine; {@code newswire.tests.docker=false} forces the embedded parts. */
    public static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = !"false".equals(System.getProperty("newswire.tests.docker"))
                    && DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAvailable;
    }

    /** A running broker's bootstrap servers. */
    public static synchronized String kafkaBootstrapServers() {
        if (dockerAvailable()) {
            return kafkaContainer().getBootstrapServers();
        }
        if (kafkaBroker == null) {
            kafkaBroker = LocalKafkaBroker.start(0, 0, null);
            stopAtExit(kafkaBroker);
        }
        return kafkaBroker.bootstrapServers();
    }

    /** A running PostgreSQL database. */
    public static synchronized Database postgres() {
        if (dockerAvailable()) {
            PostgreSQLContainer container = postgresContainer();
            return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        if (postgres == null) {
            postgres = LocalPostgres.start(0, null);
            stopAtExit(postgres);
        }
        return new Database(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    /** A running SMTP server that keeps what it receives. */
    public static synchronized LocalSmtpServer smtp() {
        if (smtp == null) {
            smtp = LocalSmtpServer.start(0);
            stopAtExit(smtp);
        }
        return smtp;
    }

    static synchronized KafkaContainer kafkaContainer() {
        if (kafkaContainer == null) {
            kafkaContainer = new KafkaContainer(KAFKA_IMAGE);
            kafkaContainer.start();
        }
        return kafkaContainer;
    }

    static synchronized PostgreSQLContainer postgresContainer() {
        if (postgresContainer == null) {
            postgresContainer = new PostgreSQLContainer(POSTGRES_IMAGE);
            postgresContainer.start();
        }
        return postgresContainer;
    }

    private static void stopAtExit(AutoCloseable component) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            }
            catch (Exception ignored) {
                // The JVM is going away; nothing to report to.
            }
        }));
    }

    /** Where to reach a PostgreSQL database. */
    public record Database(String jdbcUrl, String username, String password) {
    }
}
