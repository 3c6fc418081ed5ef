package io.newswire.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded parts are the real servers: real clients talk to them over TCP, and data outlives a restart. */
class LocalInfrastructureTest {

    @Test
    void brokerKeepsTopicsAndRecordsAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(0, 0, dir)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                    "acks", "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "survives")).get();
            }
        }
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(0, 0, dir);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                        new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("kept", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).containsExactly("survives");
        }
    }

    @Test
    void postgresAnswersSqlOverJdbcInItsNewswireDatabase() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(0, null);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                ResultSet result = connection.createStatement().executeQuery("SELECT current_database(), version()")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("newswire");
            assertThat(result.getString(2)).startsWith("PostgreSQL");
        }
    }

    @Test
    void postgresKeepsItsDataAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(0, dir.resolve("pg"));
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password())) {
            connection.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
        }
        try (LocalPostgres postgres = LocalPostgres.start(0, dir.resolve("pg"));
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                ResultSet result = connection.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("survives");
        }
    }

    @Test
    void smtpServerKeepsWhatAnSmtpClientSends() throws Exception {
        try (LocalSmtpServer smtp = LocalSmtpServer.start(0)) {
            Properties props = new Properties();
            props.put("mail.smtp.host", smtp.host());
            props.put("mail.smtp.port", String.valueOf(smtp.port()));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("newsroom@news.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@example.org"));
            message.setSubject("Hello", "UTF-8");
            message.setText("Body", "UTF-8");
            Transport.send(message);

            assertThat(smtp.receivedMessages()).singleElement()
                    .satisfies(received -> assertThat(received.getSubject()).isEqualTo("Hello"));
            smtp.clear();
            assertThat(smtp.receivedMessages()).isEmpty();
        }
    }
}
