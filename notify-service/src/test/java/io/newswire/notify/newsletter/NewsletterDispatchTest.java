package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.notify.system.StoppedForShutdownException;
import io.newswire.testsupport.RealInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher's walk of a fan-out slice and its failure policy, without Spring: the real
 * story store, ledger and subscriber queries against a real PostgreSQL, and a mail channel that
 * records what it was given or fails as told.
 */
class NewsletterDispatchTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static Stories stories;

    private final RecordingMailChannel mail = new RecordingMailChannel();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final String articleId = UUID.randomUUID().toString();
    private NewsletterDispatch dispatch;

    @BeforeAll
    static void database() {
        RealInfrastructure.Database database = RealInfrastructure.postgres();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(6);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        stories = new Stories(jdbc, JsonMapper.builder().build());
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("DELETE FROM subscriber").update();
        // A page of two, so that five subscribers take three pages; three sending threads.
        dispatch = dispatcher(2, 1000, 3);
        publish(article(articleId, "Politics"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        dispatch.close();
    }

    @Test
    void everyConfirmedSubscriberWhoTakesEachStoryGetsItAcrossPages() {
        List<String> confirmed = List.of(subscriber("confirmed"), subscriber("confirmed"), subscriber("confirmed"),
                subscriber("confirmed"), subscriber("confirmed"));
        subscriber("pending");
        subscriber("unsubscribed");
        subscriber("bounced");
        subscriber("confirmed", "daily");
        subscriber("confirmed", "weekly");

        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.recipients()).containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(statuses()).containsOnly("sent").hasSize(5);
        assertThat(emails("sent")).isEqualTo(5);
    }

    @Test
    void slicesOfAFanOutTogetherReachEverySubscriberOnce() {
        List<String> everyone = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            everyone.add(subscriber("confirmed"));
        }

        for (FanOutWork slice : FanOutWork.story(articleId, 4)) {
            dispatch.sendSlice(slice);
        }

        assertThat(mail.recipients()).containsExactlyInAnyOrderElementsOf(everyone);
    }

    @Test
    void storyGoesToSubscribersOfItsTopicsAndToThoseWhoChoseNone() {
        String sport = subscriber("confirmed", "each", "sport");
        String politics = subscriber("confirmed", "each", "politics", "economy");
        String everything = subscriber("confirmed");
        subscriber("confirmed", "daily");
        String sportStory = UUID.randomUUID().toString();
        publish(article(sportStory, "Sport"));

        dispatch.sendSlice(wholeFanOut(sportStory));
        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.recipientsOf(sportStory)).containsExactlyInAnyOrder(sport, everything);
        assertThat(mail.recipientsOf(articleId)).containsExactlyInAnyOrder(politics, everything);
    }

    @Test
    void storyRetractedBeforeItsFanOutRunsMailsNobody() {
        subscriber("confirmed");
        subscriber("confirmed");
        stories.record(ArticleEventType.RETRACTED, article(articleId, "Politics", 2), NOW);

        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.sent).isEmpty();
        assertThat(statuses()).isEmpty();
    }

    @Test
    void storyRetractedDuringItsFanOutStopsAtTheNextPage() {
        for (int i = 0; i < 6; i++) {
            subscriber("confirmed");
        }
        mail.beforeSend(call -> {
            if (call == 1) {
                stories.record(ArticleEventType.RETRACTED, article(articleId, "Politics", 2), NOW);
            }
        });

        dispatch.sendSlice(wholeFanOut(articleId));

        // The page in flight (two) is finished; no later page is read.
        assertThat(mail.sent).hasSize(2);
        assertThat(statuses()).containsOnly("sent").hasSize(2);
    }

    @Test
    void storyIsMailedAsItsLatestCorrectionReads() {
        String reader = subscriber("confirmed");
        stories.record(ArticleEventType.UPDATED, new Article(articleId, 2, URI.create("https://example.com/news/" + articleId),
                "Budget passes, 52 to 48", null, null, List.of(), List.of("Politics"), List.of(), "en", NOW, NOW, null), NOW);

        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.sent).singleElement().satisfies(email -> {
            assertThat(email.to()).isEqualTo(reader);
            assertThat(email.subject()).isEqualTo("Budget passes, 52 to 48");
        });
    }

    @Test
    void redeliveredWorkMailsNobodyTwice() {
        subscriber("confirmed");
        subscriber("confirmed");
        subscriber("confirmed");

        dispatch.sendSlice(wholeFanOut(articleId));
        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.sent).hasSize(3);
        assertThat(mail.recipients()).doesNotHaveDuplicates();
    }

    @Test
    void claimLeftSendingByACrashIsSentAgainWithTheSameMessageId() {
        String interrupted = subscriber("confirmed");
        String done = subscriber("confirmed");
        String interruptedMessageId = "<" + articleId + "." + idOf(interrupted) + "@newswire.local>";
        ledgerRow(interrupted, "sending", interruptedMessageId);
        ledgerRow(done, "sent", "<" + articleId + "." + idOf(done) + "@newswire.local>");

        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.recipients()).containsExactly(interrupted);
        assertThat(mail.sent.get(0).messageId()).isEqualTo(interruptedMessageId);
        assertThat(statuses()).containsOnly("sent");
    }

    @Test
    void addressRefusedForGoodIsBouncedWithItsSubscriberAndGetsNoLaterStory() {
        String refused = subscriber("confirmed");
        String other = subscriber("confirmed");
        mail.failFor(refused, new RecipientRefusedException("refused for good", true));

        dispatch.sendSlice(wholeFanOut(articleId));
        dispatch.sendSlice(wholeFanOut(articleId));
        String next = UUID.randomUUID().toString();
        publish(article(next, "Politics"));
        dispatch.sendSlice(wholeFanOut(next));

        assertThat(mail.recipientsOf(articleId)).containsExactly(other);
        assertThat(mail.recipientsOf(next)).containsExactly(other);
        assertThat(row(refused)).isEqualTo(Map.of("status", "bounced", "attempts", 1));
        assertThat(subscriberStatus(refused)).isEqualTo("bounced");
        assertThat(mail.attempts(refused)).isEqualTo(1);
        assertThat(emails("bounced")).isEqualTo(1);
    }

    @Test
    void addressRefusedForNowFailsTheSliceAfterTheOthersAndGetsTheStoryOnTheRetry() {
        String deferred = subscriber("confirmed");
        List<String> others = List.of(subscriber("confirmed"), subscriber("confirmed"), subscriber("confirmed"));
        mail.failFor(deferred, new RecipientRefusedException("mailbox full", false));

        assertThatThrownBy(() -> dispatch.sendSlice(wholeFanOut(articleId))).isInstanceOf(DeferredDeliveriesException.class);
        assertThat(mail.recipients()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(row(deferred)).isEqualTo(Map.of("status", "deferred", "attempts", 1));

        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.recipients()).hasSize(4).containsOnlyOnce(deferred);
        assertThat(row(deferred)).isEqualTo(Map.of("status", "sent", "attempts", 2));
        assertThat(statuses()).containsOnly("sent");
        assertThat(emails("deferred")).isEqualTo(1);
        assertThat(emails("sent")).isEqualTo(4);
    }

    @Test
    void deadLetteredSliceMarksWhatItLeftDeferredFailedAndItsReplaySendsIt() {
        String deferred = subscriber("confirmed");
        String other = subscriber("confirmed");
        mail.failFor(deferred, new RecipientRefusedException("mailbox full", false));
        FanOutWork work = wholeFanOut(articleId);
        assertThatThrownBy(() -> dispatch.sendSlice(work)).isInstanceOf(DeferredDeliveriesException.class);

        dispatch.givenUp(work);

        assertThat(row(deferred)).containsEntry("status", "failed");
        assertThat(row(other)).containsEntry("status", "sent");
        assertThat(emails("failed")).isEqualTo(1);

        dispatch.sendSlice(work);

        assertThat(mail.recipients()).containsExactlyInAnyOrder(deferred, other);
        assertThat(row(deferred)).containsEntry("status", "sent");
    }

    @Test
    void channelFailureStopsThePageAndTheRetryFinishesWithoutResending() {
        for (int i = 0; i < 5; i++) {
            subscriber("confirmed");
        }
        mail.failOnCall(3, new MailSendException("Mail server connection failed"));

        assertThatThrownBy(() -> dispatch.sendSlice(wholeFanOut(articleId))).isInstanceOf(MailSendException.class);
        assertThat(mail.sent).hasSizeLessThan(5);

        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.recipients()).hasSize(5).doesNotHaveDuplicates();
        assertThat(statuses()).containsOnly("sent").hasSize(5);
    }

    @Test
    void stoppingMidWayLetsTheEmailsInFlightFinishAndLeavesTheRestForTheRestart() {
        for (int i = 0; i < 6; i++) {
            subscriber("confirmed");
        }
        mail.beforeSend(call -> {
            if (call == 3) {
                // A shutdown begins while this email is being sent.
                CompletableFuture.runAsync(dispatch::stopSending);
                await().atMost(Duration.ofSeconds(10)).until(dispatch::isStopping);
            }
        });

        assertThatThrownBy(() -> dispatch.sendSlice(wholeFanOut(articleId))).isInstanceOf(StoppedForShutdownException.class);

        assertThat(mail.sent).hasSizeBetween(3, 4);
        // Every email that went out is recorded as sent before the walk let go; nothing is left half-done.
        assertThat(statuses()).containsOnly("sent").hasSize(mail.sent.size());
        assertThatThrownBy(() -> dispatch.sendSlice(wholeFanOut(articleId))).isInstanceOf(StoppedForShutdownException.class);

        mail.beforeSend(call -> { });
        dispatch.resumeSending();
        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.recipients()).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void sendsAreSpreadOverNoMoreThreadsThanSmtpConnections() {
        for (int i = 0; i < 20; i++) {
            subscriber("confirmed");
        }
        dispatch = dispatcher(10, 1000, 3);

        dispatch.sendSlice(wholeFanOut(articleId));

        assertThat(mail.sent).hasSize(20);
        assertThat(mail.maxInFlight()).isBetween(1, 3);
    }

    @Test
    void sendingIsPacedByTheMessagesPerSecond() {
        for (int i = 0; i < 10; i++) {
            subscriber("confirmed");
        }
        dispatch = dispatcher(10, 20, 3);
        long started = System.nanoTime();

        dispatch.sendSlice(wholeFanOut(articleId));

        // Ten emails at twenty a second, from an empty bucket: the last may go no earlier than 0.5 s.
        assertThat(mail.sent).hasSize(10);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    private NewsletterDispatch dispatcher(int pageSize, double messagesPerSecond, int smtpConnections) {
        if (dispatch != null) {
            try {
                dispatch.close();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        NewsletterProperties properties = new NewsletterProperties("Newswire", "newsroom@newswire.local",
                "newsroom@newswire.local", "newswire.local", pageSize, Duration.ofHours(24),
                new NewsletterProperties.Throttle(messagesPerSecond, smtpConnections),
                new NewsletterProperties.FanOut(16, 12, (short) 1, 2, Duration.ofSeconds(10)));
        return new NewsletterDispatch(new ConfirmedSubscribers(jdbc), stories, new DeliveryLedger(jdbc),
                StoryEmailFixture.storyEmail(properties), mail,
                properties, meters);
    }

    private static FanOutWork wholeFanOut(String storyId) {
        return FanOutWork.story(storyId, 1).get(0);
    }

    private static void publish(Article article) {
        stories.record(ArticleEventType.PUBLISHED, article, NOW);
    }

    private static Article article(String id, String category) {
        return article(id, category, 1);
    }

    private static Article article(String id, String category, long version) {
        return new Article(id, version, URI.create("https://example.com/news/" + id), "Budget passes", null, null,
                List.of(), List.of(category), List.of(), "en", NOW, NOW, null);
    }

    private String subscriber(String status) {
        return subscriber(status, "each");
    }

    private String subscriber(String status, String frequency, String... topics) {
        String email = "reader-" + UUID.randomUUID() + "@example.test";
        jdbc.sql("INSERT INTO subscriber (email, status, frequency, topics) VALUES (:email, :status, :frequency, :topics)")
                .param("email", email)
                .param("status", status)
                .param("frequency", frequency)
                .param("topics", topics)
                .update();
        return email;
    }

    private UUID idOf(String email) {
        return jdbc.sql("SELECT id FROM subscriber WHERE email = :email").param("email", email).query(UUID.class).single();
    }

    private String subscriberStatus(String email) {
        return jdbc.sql("SELECT status FROM subscriber WHERE email = :email").param("email", email).query(String.class).single();
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

    private Map<String, Object> row(String email) {
        return jdbc.sql("SELECT status, attempts FROM newsletter_delivery WHERE subscriber_id = :subscriber AND article_id = :article")
                .param("subscriber", idOf(email))
                .param("article", articleId)
                .query((rs, n) -> Map.<String, Object>of("status", rs.getString("status"), "attempts", rs.getInt("attempts")))
                .single();
    }

    private List<String> statuses() {
        return jdbc.sql("SELECT status FROM newsletter_delivery WHERE article_id = :article")
                .param("article", articleId)
                .query(String.class)
                .list();
    }

    private double emails(String outcome) {
        return meters.get("newswire.newsletter.emails").tag("outcome", outcome).counter().count();
    }

    /**
     * Keeps what it was asked to send; fails for a given recipient, or on a given call. Called from
     * several sending threads at once, and keeps count of how many are inside at once.
     */
    private static final class RecordingMailChannel implements MailChannel {

        final List<Email> sent = new CopyOnWriteArrayList<>();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private volatile int failOnCall = -1;
        private volatile RuntimeException channelFailure;
        private volatile IntConsumer beforeSend = call -> { };

        void failFor(String recipient, RuntimeException failure) {
            failures.put(recipient, failure);
        }

        /** The channel fails once, on its {@code call}-th send. */
        void failOnCall(int call, RuntimeException failure) {
            failOnCall = call;
            channelFailure = failure;
        }

        void beforeSend(IntConsumer hook) {
            beforeSend = hook;
        }

        @Override
        public void send(Email email) {
            int call = calls.incrementAndGet();
            attempts.computeIfAbsent(email.to(), to -> new AtomicInteger()).incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                beforeSend.accept(call);
                // Long enough for sends on other threads to overlap this one, as over a network.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                if (call == failOnCall) {
                    throw channelFailure;
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
            finally {
                inFlight.decrementAndGet();
            }
        }

        int attempts(String recipient) {
            AtomicInteger count = attempts.get(recipient);
            return count == null ? 0 : count.get();
        }

        int maxInFlight() {
            return maxInFlight.get();
        }

        List<String> recipients() {
            return sent.stream().map(Email::to).toList();
        }

        List<String> recipientsOf(String storyId) {
            return sent.stream().filter(email -> email.messageId().startsWith("<" + storyId + ".")).map(Email::to).toList();
        }
    }
}
