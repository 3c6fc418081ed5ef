package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.newswire.events.Article;
import io.newswire.testsupport.RealInfrastructure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;

/**
 * The dispatcher's walk and failure policy, without Spring: the real ledger and subscriber queries
 * against a real PostgreSQL, and a mail channel that records what it was given or fails as told.
 */
class NewsletterDispatchTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;

    private final RecordingMailChannel mail = new RecordingMailChannel();
    private final String articleId = UUID.randomUUID().toString();
    private NewsletterDispatch dispatch;

    @BeforeAll
    static void database() {
        RealInfrastructure.Database database = RealInfrastructure.postgres();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(2);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("DELETE FROM subscriber").update();
        // A page of two, so that five subscribers take three pages.
        NewsletterProperties properties = new NewsletterProperties("Newswire", "newsroom@newswire.local",
                "newsroom@newswire.local", "newswire.local", 2, Duration.ofHours(24));
        dispatch = new NewsletterDispatch(new ConfirmedSubscribers(jdbc), new DeliveryLedger(jdbc),
                StoryEmailFixture.storyEmail(properties), mail, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void everyConfirmedSubscriberGetsTheStoryAcrossPages() {
        List<String> confirmed = List.of(subscriber("confirmed"), subscriber("confirmed"), subscriber("confirmed"),
                subscriber("confirmed"), subscriber("confirmed"));
        subscriber("pending");
        subscriber("unsubscribed");
        subscriber("bounced");

        dispatch.storyPublished(article(), NOW);

        assertThat(mail.recipients()).containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(statuses()).containsOnly("sent").hasSize(5);
    }

    @Test
    void storyAlreadyDeliveredIsNotSentAgain() {
        subscriber("confirmed");
        subscriber("confirmed");

        dispatch.storyPublished(article(), NOW);
        dispatch.storyPublished(article(), NOW);

        assertThat(mail.sent).hasSize(2);
    }

    @Test
    void deliveryLeftHalfwayByACrashIsSentAgainWithTheSameMessageId() {
        String interrupted = subscriber("confirmed");
        String done = subscriber("confirmed");
        String interruptedMessageId = "<" + articleId + "." + idOf(interrupted) + "@newswire.local>";
        ledgerRow(interrupted, "sending", interruptedMessageId);
        ledgerRow(done, "sent", "<" + articleId + "." + idOf(done) + "@newswire.local>");

        dispatch.storyPublished(article(), NOW);

        assertThat(mail.recipients()).containsExactly(interrupted);
        assertThat(mail.sent.get(0).messageId()).isEqualTo(interruptedMessageId);
        assertThat(statuses()).containsOnly("sent");
    }

    @Test
    void recipientRefusedForGoodIsRecordedAndNotRetriedWhileTheOthersGetTheStory() {
        String refused = subscriber("confirmed");
        String other = subscriber("confirmed");
        mail.failFor(refused, new RecipientRefusedException("refused for good", true));

        dispatch.storyPublished(article(), NOW);
        dispatch.storyPublished(article(), NOW);

        assertThat(mail.recipients()).containsExactly(other);
        assertThat(status(refused)).isEqualTo("failed");
        assertThat(mail.attempts.get(refused)).isEqualTo(1);
    }

    @Test
    void recipientRefusedForNowFailsTheAttemptAfterTheOthersAndGetsTheStoryOnTheRetry() {
        String deferred = subscriber("confirmed");
        List<String> others = List.of(subscriber("confirmed"), subscriber("confirmed"), subscriber("confirmed"));
        mail.failFor(deferred, new RecipientRefusedException("mailbox full", false));

        assertThatThrownBy(() -> dispatch.storyPublished(article(), NOW)).isInstanceOf(DeferredDeliveriesException.class);
        assertThat(mail.recipients()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(status(deferred)).isEqualTo("sending");

        dispatch.storyPublished(article(), NOW);

        assertThat(mail.recipients()).hasSize(4).containsOnlyOnce(deferred);
        assertThat(statuses()).containsOnly("sent");
    }

    @Test
    void channelFailureStopsTheWalkAndTheRetryFinishesItWithoutResending() {
        for (int i = 0; i < 5; i++) {
            subscriber("confirmed");
        }
        mail.failAfter(2, new MailSendException("Mail server connection failed"));

        assertThatThrownBy(() -> dispatch.storyPublished(article(), NOW)).isInstanceOf(MailSendException.class);
        assertThat(mail.sent).hasSize(2);

        dispatch.storyPublished(article(), NOW);

        assertThat(mail.recipients()).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void publishedEventRecordedLongAgoMailsNobody() {
        subscriber("confirmed");

        dispatch.storyPublished(article(), NOW.minus(Duration.ofDays(2)));

        assertThat(mail.sent).isEmpty();
        assertThat(statuses()).isEmpty();
    }

    private String subscriber(String status) {
        String email = "reader-" + UUID.randomUUID() + "@example.test";
        jdbc.sql("INSERT INTO subscriber (email, status) VALUES (:email, :status)")
                .param("email", email)
                .param("status", status)
                .update();
        return email;
    }

    private UUID idOf(String email) {
        return jdbc.sql("SELECT id FROM subscriber WHERE email = :email").param("email", email).query(UUID.class).single();
    }

    private void ledgerRow(String email, String status, String messageId) {
        jdbc.sql("""
                INSERT INTO newsletter_delivery (subscriber_id, article_id, status, message_id)
                VALUES (:subscriber, :article, :status, :messageId)""")
                .param("subscriber", idOf(email))
                .param("article", articleId)
                .param("status", status)
                .param("messageId", messageId)
                .update();
    }

    private String status(String email) {
        return jdbc.sql("SELECT status FROM newsletter_delivery WHERE subscriber_id = :subscriber AND article_id = :article")
                .param("subscriber", idOf(email))
                .param("article", articleId)
                .query(String.class)
                .single();
    }

    private List<String> statuses() {
        return jdbc.sql("SELECT status FROM newsletter_delivery WHERE article_id = :article")
                .param("article", articleId)
                .query(String.class)
                .list();
    }

    private Article article() {
        return new Article(articleId, 1, URI.create("https://example.com/news/" + articleId), "Budget passes", null, null,
                List.of(), List.of(), List.of(), "en", NOW, NOW, null);
    }

    /** Keeps what it was asked to send; fails for a given recipient, or once a number of emails went out. */
    private static final class RecordingMailChannel implements MailChannel {

        final List<Email> sent = new ArrayList<>();
        final Map<String, Integer> attempts = new HashMap<>();
        private final Map<String, RuntimeException> failures = new HashMap<>();
        private int failAfter = -1;
        private RuntimeException channelFailure;

        void failFor(String recipient, RuntimeException failure) {
            failures.put(recipient, failure);
        }

        /** The channel fails once, after {@code count} emails went out. */
        void failAfter(int count, RuntimeException failure) {
            failAfter = count;
            channelFailure = failure;
        }

        @Override
        public void send(Email email) {
            attempts.merge(email.to(), 1, Integer::sum);
            if (sent.size() == failAfter && channelFailure != null) {
                RuntimeException failure = channelFailure;
                channelFailure = null;
                throw failure;
            }
            // A recipient refused for now is accepted on the next attempt; one refused for good never is.
            RuntimeException failure = failures.get(email.to());
            if (failure instanceof RecipientRefusedException refused && !refused.permanent()) {
                failures.remove(email.to());
            }
            if (failure != null) {
                throw failure;
            }
            sent.add(email);
        }

        List<String> recipients() {
            return sent.stream().map(Email::to).toList();
        }
    }
}
