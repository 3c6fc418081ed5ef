package io.newswire.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.embedded.LocalSmtpServer;
import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import io.newswire.testsupport.WithSmtp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The service end to end against a real broker, database and SMTP server: records go onto
 * {@code newswire.articles} exactly as ingest writes them, and the assertions are on the mail the
 * SMTP server received, the dead-letter topic and the health endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@WithPostgres
@WithSmtp
// A cached context would stay in consumer group notify-service after this class and take a share of
// the partitions from the instances later tests start (the fan-out tests), so it is closed here.
@DirtiesContext
class NotifyServiceIntegrationTest {

    private static final String DEAD_LETTER_TOPIC = "newswire.articles.notify-service.dlt";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LocalSmtpServer smtp;

    @Autowired
    private io.newswire.notify.subscription.SubscriberTokens tokens;

    @Autowired
    private KafkaConnectionDetails kafka;

    @LocalServerPort
    private int port;

    private KafkaProducer<String, String> producer;
    private Admin admin;

    @BeforeEach
    void setUp() {
        // Each test has its own subscribers; the ledger rows go with them (ON DELETE CASCADE).
        jdbc.update("DELETE FROM subscriber");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @AfterEach
    void tearDown() {
        producer.close();
        admin.close();
    }

    @Test
    void publishedStoryIsMailedToEveryConfirmedSubscriberAndNobodyElse() throws Exception {
        UUID aliya = subscriber("confirmed");
        UUID ben = subscriber("confirmed");
        UUID chen = subscriber("confirmed");
        UUID pending = subscriber("pending");
        String articleId = UUID.randomUUID().toString();

        publish(articleId, "newswire.article.published", articleJson(articleId, "Жаңалықтар: бюджет қабылданды"));

        List<MimeMessage> mails = awaitMails(articleId, 3);
        assertThat(recipients(mails)).containsExactlyInAnyOrder(email(aliya), email(ben), email(chen))
                .doesNotContain(email(pending));
        MimeMessage toAliya = mailTo(mails, email(aliya));
        assertThat(toAliya.getSubject()).isEqualTo("Жаңалықтар: бюджет қабылданды");
        assertThat(toAliya.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(toAliya.getFrom()).containsExactly(new InternetAddress("newsroom@newswire.local", "Newswire"));
        assertThat(toAliya.getReplyTo()).containsExactly(new InternetAddress("newsroom@newswire.local"));
        assertThat(toAliya.getMessageID()).isEqualTo("<" + articleId + "." + aliya + "@newswire.local>");
        assertThat(toAliya.getHeader("List-Id")).containsExactly("Newswire <newsletter.newswire.local>");
        assertThat(toAliya.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart alternatives = (MimeMultipart) toAliya.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat((String) alternatives.getBodyPart(0).getContent())
                .contains("Жаңалықтар: бюджет қабылданды", "Read the story: https://example.com/news/" + articleId);
        assertThat(alternatives.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat((String) alternatives.getBodyPart(1).getContent())
                .contains("<h1>Жаңалықтар: бюджет қабылданды</h1>",
                        "<a href=\"https://example.com/news/" + articleId + "\">Read the story</a>");
        assertThat(jdbc.queryForList("SELECT status FROM newsletter_delivery WHERE article_id = ?", String.class, articleId))
                .containsExactly("sent", "sent", "sent");
    }

    @Test
    void redeliveredPublishedEventAndLaterUpdateMailNobodyTwice() throws Exception {
        subscriber("confirmed");
        subscriber("confirmed");
        subscriber("confirmed");
        String articleId = UUID.randomUUID().toString();
        String snapshot = articleJson(articleId, "Budget passes");
        publish(articleId, "newswire.article.published", snapshot);
        awaitMails(articleId, 3);

        publish(articleId, "newswire.article.published", snapshot);
        RecordMetadata update = publish(articleId, "newswire.article.updated", articleJson(articleId, "Budget passes, 52 to 48"));

        // Same key, same partition: once the group has committed past the update, both were handled.
        awaitConsumed(update);
        assertThat(mailsAbout(articleId)).hasSize(3);
    }

    @Test
    void unreadableRecordIsDeadLetteredAndTheNextRecordIsStillMailed() throws Exception {
        UUID reader = subscriber("confirmed");
        String articleId = UUID.randomUUID().toString();

        // Same key as the good snapshot that follows, so both land on the same partition, in order.
        publish(articleId, "newswire.article.published", "{\"id\": \"" + articleId + "\", oops");
        publish(articleId, "newswire.article.published", articleJson(articleId, "Budget passes"));

        assertThat(recipients(awaitMails(articleId, 1))).containsExactly(email(reader));
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(articleId);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": \"" + articleId + "\", oops");
        assertThat(header(deadLetter, ArticleTopic.CE_TYPE)).isEqualTo("newswire.article.published");
        assertThat(header(deadLetter, "kafka_dlt-original-offset")).isNotNull();
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).contains("DeserializationException");
    }

    @Test
    void publishedEventReplayedLongAfterItWasRecordedMailsNobody() throws Exception {
        subscriber("confirmed");
        String articleId = UUID.randomUUID().toString();
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));

        RecordMetadata replayed = publish(articleId, "newswire.article.published", articleJson(articleId, "Old news"), monthAgo);

        awaitConsumed(replayed);
        assertThat(mailsAbout(articleId)).isEmpty();
    }

    @Test
    void oneClickFromTheEmailsUnsubscribeHeaderStopsTheNextStory() throws Exception {
        UUID reader = subscriber("confirmed");
        UUID stays = subscriber("confirmed");
        String first = UUID.randomUUID().toString();
        publish(first, "newswire.article.published", articleJson(first, "First story"));
        MimeMessage email = mailTo(awaitMails(first, 2), email(reader));
        assertThat(email.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String header = email.getHeader("List-Unsubscribe")[0];
        URI link = URI.create(header.substring(1, header.length() - 1));

        // What a mailbox provider's unsubscribe button sends (RFC 8058), to the link as it was mailed.
        HttpResponse<String> oneClick = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + link.getRawPath() + "?" + link.getRawQuery()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT status FROM subscriber WHERE id = ?", String.class, reader)).isEqualTo("unsubscribed");
        String second = UUID.randomUUID().toString();
        publish(second, "newswire.article.published", articleJson(second, "Second story"));
        assertThat(recipients(awaitMails(second, 1))).containsExactly(email(stays));
    }

    @Test
    void unsubscribeLinkShowsOneButtonAndRefusesForgedOrIncompleteRequests() throws Exception {
        UUID reader = subscriber("confirmed");
        String token = tokens.issue(reader, io.newswire.notify.subscription.SubscriberTokens.Purpose.UNSUBSCRIBE, null);
        String forged = tokens.issue(reader, io.newswire.notify.subscription.SubscriberTokens.Purpose.PREFERENCES, null);

        HttpResponse<String> page = get("/unsubscribe?token=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<button type=\"submit\">Unsubscribe</button>", "name=\"List-Unsubscribe\" value=\"One-Click\"");
        assertThat(get("/unsubscribe?token=" + forged).statusCode()).isEqualTo(400);
        assertThat(post("/unsubscribe?token=" + forged, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(400);
        assertThat(post("/unsubscribe?token=" + token, "").statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT status FROM subscriber WHERE id = ?", String.class, reader)).isEqualTo("confirmed");
        assertThat(post("/unsubscribe?token=" + token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(post("/unsubscribe?token=" + token, "List-Unsubscribe=One-Click").statusCode()).as("again: still fine").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT status FROM subscriber WHERE id = ?", String.class, reader)).isEqualTo("unsubscribed");
    }

    @Test
    void readinessCoversTheDatabaseAndTheBrokerButNotMail() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"", "\"db\"", "\"kafka\"", "\"readinessState\"")
                .doesNotContain("\"mail\"");
    }

    @Test
    void prometheusMetricsAreTaggedWithTheService() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("application=\"notify-service\"");
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private UUID subscriber(String status) {
        String email = ("reader-" + UUID.randomUUID() + "@example.test").toLowerCase();
        return jdbc.queryForObject("INSERT INTO subscriber (email, status) VALUES (?, ?) RETURNING id", UUID.class,
                email, status);
    }

    private String email(UUID subscriber) {
        return jdbc.queryForObject("SELECT email FROM subscriber WHERE id = ?", String.class, subscriber);
    }

    private RecordMetadata publish(String articleId, String ceType, String value) throws Exception {
        return publish(articleId, ceType, value, null);
    }

    /** A record as ingest writes it: key the article id, CloudEvents binary-mode headers, JSON value. */
    private RecordMetadata publish(String articleId, String ceType, String value, Instant timestamp) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(ArticleTopic.NAME, null,
                timestamp == null ? null : timestamp.toEpochMilli(), articleId, value);
        header(record, ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION);
        header(record, ArticleTopic.CE_ID, UUID.randomUUID().toString());
        header(record, ArticleTopic.CE_SOURCE, "urn:newswire:ingest");
        header(record, ArticleTopic.CE_TYPE, ceType);
        header(record, ArticleTopic.CE_TIME, Instant.now().toString());
        header(record, ArticleTopic.CE_SUBJECT, articleId);
        header(record, ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON);
        return producer.send(record).get();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The snapshot JSON, with a field the Article record does not have: consumers must ignore it. */
    private static String articleJson(String articleId, String title) {
        return """
                {"id":"%s","version":1,"url":"https://example.com/news/%s","title":"%s","summary":"What happened",
                 "contentHtml":"<p>x</p>","authors":[{"name":"A","url":null}],"categories":["Politics"],"tags":["x"],
                 "language":"kk","publishedAt":"2026-11-29T10:00:00Z","updatedAt":"2026-11-29T10:00:00Z",
                 "leadImage":null,"breaking":true}""".formatted(articleId, articleId, title);
    }

    private List<MimeMessage> awaitMails(String articleId, int count) {
        return await().atMost(PATIENCE).until(() -> mailsAbout(articleId), mails -> mails.size() >= count);
    }

    /** The SMTP server is shared by every test in the JVM; a Message-ID names its story. */
    private List<MimeMessage> mailsAbout(String articleId) {
        return smtp.receivedMessages().stream().filter(mail -> messageId(mail).startsWith("<" + articleId + ".")).toList();
    }

    private void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(PATIENCE).until(() -> {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("notify-service")
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return committed != null && committed.offset() > record.offset();
        });
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String articleId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(record -> articleId.equals(record.key()));
            });
            return seen.stream().filter(record -> articleId.equals(record.key())).findFirst().orElseThrow();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> recipients(List<MimeMessage> mails) throws MessagingException {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage mail : mails) {
            Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .map(address -> ((InternetAddress) address).getAddress())
                    .forEach(recipients::add);
        }
        return recipients;
    }

    private static MimeMessage mailTo(List<MimeMessage> mails, String address) throws MessagingException {
        for (MimeMessage mail : mails) {
            if (recipients(List.of(mail)).contains(address)) {
                return mail;
            }
        }
        throw new AssertionError("No mail to " + address);
    }

    private static String messageId(MimeMessage mail) {
        try {
            String id = mail.getMessageID();
            return id == null ? "" : id;
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }
}
