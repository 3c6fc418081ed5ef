package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What subscribers and the ledger show when mail systems refuse: the service runs as the real
 * application against a real SMTP server that answers RCPT TO with 4xx or 5xx as told, with the
 * test profile's short retries (three attempts, 100 ms then 200 ms apart).
 */
// Starts instances of its own in consumer group notify-service: it runs in a JVM of its own
// (surefire execution "own-instances" in this module's pom), where no cached test context is in
// the group to take a share of the partitions.
@Tag("own-instances")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedDeliveriesTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    SmtpServerStub smtp;
    NotifyInstance notify;
    ArticleEvents articles;
    FanOutProbe probe;

    final JdbcClient jdbc = TestDatabase.jdbc();

    /** The SMTP server the instance sends through: here one that does not advertise PIPELINING. */
    SmtpServerStub startSmtp() {
        return SmtpServerStub.start();
    }

    @BeforeAll
    void start() {
        smtp = startSmtp();
        notify = NotifyInstance.start(smtp.port());
        articles = new ArticleEvents();
        probe = new FanOutProbe();
    }

    @AfterAll
    void stop() {
        notify.close();
        smtp.close();
        articles.close();
        probe.close();
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("DELETE FROM subscriber").update();
    }

    @Test
    void addressRefusedForNowIsRetriedUntilDeliveredAndOneRefusedForGoodIsNeverMailedAgain() {
        String deferred = subscriber();
        String gone = subscriber();
        String reader = subscriber();
        // Accepted on the third and last attempt the retry budget allows.
        smtp.refuse(deferred, 451, 2).refuseAlways(gone, 550);

        String first = articles.publish("Budget passes", "Politics");

        await().atMost(PATIENCE).until(() -> sentTo(first, deferred, reader) && "bounced".equals(delivered(first).get(gone)));
        assertThat(delivery(first, deferred)).containsEntry("status", "sent");
        assertThat((int) delivery(first, deferred).get("attempts")).isGreaterThanOrEqualTo(1);
        assertThat(delivery(first, gone)).containsEntry("status", "bounced");
        assertThat(subscriberStatus(gone)).isEqualTo("bounced");
        assertThat(smtp.deliveries()).filteredOn(delivery -> delivery.messageId().startsWith("<" + first + "."))
                .extracting(SmtpServerStub.Delivery::recipient).containsExactlyInAnyOrder(deferred, reader);

        String second = articles.publish("Budget signed", "Politics");

        await().atMost(PATIENCE).until(() -> sentTo(second, deferred, reader));
        probe.awaitWorkDone(PATIENCE);
        assertThat(smtp.attempts(gone)).as("the bounced address is never tried again").isEqualTo(1);
        assertThat(notify.emails("bounced")).isPositive();
        assertThat(notify.emails("deferred")).isPositive();
    }

    @Test
    void addressRefusedForNowBeyondTheRetryBudgetIsDeadLetteredAndRecordedAsFailed() {
        String full = subscriber();
        String reader = subscriber();
        smtp.refuseAlways(full, 452);

        String story = articles.publish("Budget passes", "Politics");

        ConsumerRecord<String, String> deadLetter = probe.awaitDeadLetter(story, PATIENCE);
        assertThat(deadLetter.value()).contains("\"type\":\"story\"", "\"storyId\":\"" + story + "\"");
        assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-exception-cause-fqcn").value(), StandardCharsets.UTF_8))
                .endsWith("DeferredDeliveriesException");
        await().atMost(PATIENCE).until(() -> "failed".equals(delivered(story).get(full)));
        assertThat(smtp.attempts(full)).isEqualTo(3);
        assertThat(delivered(story)).containsEntry(reader, "sent");
        assertThat(notify.emails("failed")).isPositive();
    }

    @Test
    void storyGoesToSubscribersOfItsTopicsAndToThoseWhoChoseNoneButNotToDigestReaders() {
        String sport = subscriber("each", "sport");
        String politics = subscriber("each", "politics");
        String everything = subscriber("each");
        String daily = subscriber("daily");

        String story = articles.publish("Cup final tonight", "Sport");

        await().atMost(PATIENCE).until(() -> sentTo(story, sport, everything));
        probe.awaitWorkDone(PATIENCE);
        assertThat(delivered(story)).containsOnlyKeys(sport, everything);
        assertThat(smtp.recipients()).doesNotContain(politics, daily);
    }

    @Test
    void connectionLostInTheMiddleOfAMessageIsRetriedAndEverySubscriberGetsTheStoryOnce() {
        List<String> readers = List.of(subscriber(), subscriber(), subscriber(), subscriber());
        smtp.dropConnectionInData(1);

        String story = articles.publish("Harbour bridge approved", "Politics");

        await().atMost(PATIENCE).until(() -> sentTo(story, readers.toArray(String[]::new)));
        probe.awaitWorkDone(PATIENCE);
        assertThat(smtp.deliveries()).filteredOn(delivery -> delivery.messageId().startsWith("<" + story + "."))
                .extracting(SmtpServerStub.Delivery::recipient).containsExactlyInAnyOrderElementsOf(readers);
        assertThat(delivered(story)).containsOnlyKeys(readers).allSatisfy((reader, status) -> assertThat(status).isEqualTo("sent"));
    }

    String subscriber() {
        return subscriber("each");
    }

    private String subscriber(String frequency, String... topics) {
        String email = "refusal-" + UUID.randomUUID() + "@example.test";
        jdbc.sql("INSERT INTO subscriber (email, status, frequency, topics) VALUES (:email, 'confirmed', :frequency, :topics)")
                .param("email", email)
                .param("frequency", frequency)
                .param("topics", topics)
                .update();
        return email;
    }

    boolean sentTo(String story, String... emails) {
        Map<String, String> delivered = delivered(story);
        return java.util.Arrays.stream(emails).allMatch(email -> "sent".equals(delivered.get(email)));
    }

    /** Ledger status per recipient address for a story. */
    Map<String, String> delivered(String story) {
        Map<String, String> statuses = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT s.email, d.status FROM newsletter_delivery d JOIN subscriber s ON s.id = d.subscriber_id
                WHERE d.article_id = :story""")
                .param("story", story)
                .query(rs -> {
                    statuses.put(rs.getString(1), rs.getString(2));
                });
        return statuses;
    }

    private Map<String, Object> delivery(String story, String email) {
        return jdbc.sql("""
                SELECT d.status, d.attempts FROM newsletter_delivery d JOIN subscriber s ON s.id = d.subscriber_id
                WHERE d.article_id = :story AND s.email = :email""")
                .param("story", story)
                .param("email", email)
                .query((rs, n) -> Map.<String, Object>of("status", rs.getString(1), "attempts", rs.getInt(2)))
                .single();
    }

    private String subscriberStatus(String email) {
        return jdbc.sql("SELECT status FROM subscriber WHERE email = :email").param("email", email).query(String.class).single();
    }
}
