package io.newswire.notify.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.newswire.notify.branding.BrandingProperties;
import io.newswire.notify.branding.EmailTemplatesFixture;
import io.newswire.notify.newsletter.Email;
import io.newswire.notify.newsletter.MailChannel;
import io.newswire.notify.newsletter.NewsletterProperties;
import io.newswire.notify.newsletter.RecipientRefusedException;
import io.newswire.notify.subscription.SubscriberLinks;
import io.newswire.notify.subscription.SubscriberTokens;
import io.newswire.testsupport.RealInfrastructure;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The digest walk and its failure policy, without Spring: the real runs, ledger and queries against
 * a real PostgreSQL, and a mail channel that records what it was given or fails as told. Pages of
 * two subscribers, so that five take three pages.
 */
class DigestDispatchTest {

    /** Just after the daily send-at (07:00 UTC) on 12 March 2031, a Wednesday. */
    private static final Instant TICK = Instant.parse("2031-03-12T07:00:30Z");
    private static final String RUN = "daily/2031-03-12T07:00:00Z";
    private static final String SECRET = "test-secret-for-subscriber-links-0123456789";

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;

    private final RecordingMailChannel mail = new RecordingMailChannel();
    private DigestRows rows;

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
        rows = new DigestRows(jdbc);
        rows.clear();
        rows.story("Budget passes", "Politics", Instant.parse("2031-03-11T09:00:00Z"));
    }

    @Test
    void everyDailySubscriberGetsOneDigestAcrossPagesAndTheNextTickSendsNothing() {
        List<String> daily = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            daily.add(rows.email(rows.subscriber("confirmed", "daily")));
        }
        rows.subscriber("confirmed", "each");
        rows.subscriber("pending", "daily");
        rows.subscriber("unsubscribed", "daily");

        scheduler(8).tick(TICK);
        scheduler(8).tick(TICK.plusSeconds(30));

        assertThat(mail.recipients()).containsExactlyInAnyOrderElementsOf(daily);
        assertThat(rows.deliveries("sent")).hasSize(5);
        assertThat(rows.dispatched(RUN)).isTrue();
    }

    @Test
    void aFreshDeploymentPlansOnlyTheCurrentPeriods() {
        rows.subscriber("confirmed", "daily");

        scheduler(8).tick(TICK);

        assertThat(rows.runs()).containsExactly(RUN, "weekly/2031-03-10T07:00:00Z");
        assertThat(mail.sent).hasSize(1);
    }

    @Test
    void subscriberWithNoMatchingStoryGetsNoDigestAndNoLedgerRow() {
        UUID sport = rows.subscriber("confirmed", "daily", "sport");
        UUID politics = rows.subscriber("confirmed", "daily", "politics");

        scheduler(8).tick(TICK);

        assertThat(mail.recipients()).containsExactly(rows.email(politics));
        assertThat(rows.delivery(sport, RUN)).isNull();
    }

    @Test
    void periodWithoutStoriesMailsNobodyAndIsDone() {
        rows.clear();
        rows.subscriber("confirmed", "daily");

        scheduler(8).tick(TICK);

        assertThat(mail.sent).isEmpty();
        assertThat(rows.dispatched(RUN)).isTrue();
    }

    @Test
    void deferredRecipientIsRetriedOnceItsWaitIsOverAndGetsTheDigestOnce() {
        UUID deferred = rows.subscriber("confirmed", "daily");
        UUID other = rows.subscriber("confirmed", "daily");
        mail.failFor(rows.email(deferred), new RecipientRefusedException("452 mailbox full", false));

        scheduler(8).tick(TICK);
        assertThat(rows.delivery(deferred, RUN)).isEqualTo("deferred");
        assertThat(rows.dispatched(RUN)).as("the walk does not wait for the deferred").isTrue();

        scheduler(8).tick(TICK.plusSeconds(30));
        assertThat(rows.delivery(deferred, RUN)).as("its wait is not over").isEqualTo("deferred");

        rows.waitsAreOver();
        scheduler(8).tick(TICK.plusSeconds(60));
        assertThat(rows.delivery(deferred, RUN)).isEqualTo("sent");
        assertThat(mail.recipients()).containsExactlyInAnyOrder(rows.email(deferred), rows.email(other));
        assertThat(mail.attempts.get(rows.email(deferred))).isEqualTo(2);
    }

    @Test
    void recipientDeferredOnEveryAttemptIsGivenUp() {
        UUID deferred = rows.subscriber("confirmed", "daily");
        mail.alwaysDefer(rows.email(deferred));

        for (int tick = 0; tick < 4; tick++) {
            scheduler(2).tick(TICK.plusSeconds(30L * tick));
            rows.waitsAreOver();
        }

        assertThat(rows.delivery(deferred, RUN)).isEqualTo("failed");
        assertThat(mail.attempts.get(rows.email(deferred))).isEqualTo(2);
    }

    @Test
    void recipientRefusedForGoodBouncesAndTheWalkGoesOn() {
        UUID bounced = rows.subscriber("confirmed", "daily");
        UUID other = rows.subscriber("confirmed", "daily");
        mail.failFor(rows.email(bounced), new RecipientRefusedException("550 no such user", true));

        scheduler(8).tick(TICK);
        rows.waitsAreOver();
        scheduler(8).tick(TICK.plusSeconds(30));

        assertThat(rows.delivery(bounced, RUN)).isEqualTo("bounced");
        assertThat(rows.status(bounced)).isEqualTo("bounced");
        assertThat(mail.recipients()).containsExactly(rows.email(other));
        assertThat(mail.attempts.get(rows.email(bounced))).isEqualTo(1);
    }

    @Test
    void channelDownStopsTheWalkAndTheNextTickFinishesItWithoutResending() {
        List<String> daily = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            daily.add(rows.email(rows.subscriber("confirmed", "daily")));
        }
        mail.failAfter(3, new MailSendException("Mail server connection failed"));

        assertThatThrownBy(() -> scheduler(8).tick(TICK)).isInstanceOf(DigestChannelException.class)
                .hasMessageContaining(RUN).hasMessageNotContaining("@example.test");
        assertThat(mail.sent).hasSize(3);
        assertThat(rows.dispatched(RUN)).isFalse();

        scheduler(8).tick(TICK.plusSeconds(30));

        assertThat(mail.recipients()).containsExactlyInAnyOrderElementsOf(daily);
        assertThat(rows.dispatched(RUN)).isTrue();
    }

    @Test
    void runLeasedByAnotherInstanceIsLeftAloneUntilTheLeaseRunsOut() {
        UUID reader = rows.subscriber("confirmed", "daily");
        plan(RUN, "2031-03-11T07:00:00Z", "2031-03-12T07:00:00Z");
        jdbc.sql("UPDATE digest_run SET leased_until = now() + interval '1 hour', lease_holder = gen_random_uuid()").update();

        scheduler(8).tick(TICK);
        assertThat(mail.sent).isEmpty();

        jdbc.sql("UPDATE digest_run SET leased_until = now() - interval '1 second'").update();
        scheduler(8).tick(TICK.plusSeconds(30));
        assertThat(mail.recipients()).containsExactly(rows.email(reader));
    }

    @Test
    void runThatAnInstanceLeftHalfDoneIsResumedAfterItsLastFinishedPage() {
        List<UUID> daily = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            daily.add(rows.subscriber("confirmed", "daily"));
        }
        // In the database's order: PostgreSQL compares uuids as unsigned bytes, which is their text order (UUID.compareTo is signed).
        daily.sort(Comparator.comparing(UUID::toString));
        // An older run: the instance that took it up died after its first page, and nobody planned it since.
        String older = "daily/2031-03-11T07:00:00Z";
        plan(older, "2031-03-10T07:00:00Z", "2031-03-11T07:00:00Z");
        rows.story("Rain expected", "Weather", Instant.parse("2031-03-10T12:00:00Z"));
        jdbc.sql("UPDATE digest_run SET leased_until = now() - interval '1 second', lease_holder = gen_random_uuid(),"
                + " resume_after = :after WHERE id = :id").param("after", daily.get(1)).param("id", older).update();

        scheduler(8).tick(TICK);

        assertThat(mail.sent.stream().filter(email -> email.subject().contains("11 March")).map(Email::to))
                .containsExactlyInAnyOrder(rows.email(daily.get(2)), rows.email(daily.get(3)), rows.email(daily.get(4)));
        assertThat(rows.dispatched(older)).isTrue();
        assertThat(rows.dispatched(RUN)).isTrue();
    }

    private void plan(String id, String start, String end) {
        jdbc.sql("INSERT INTO digest_run (id, frequency, period_start, period_end) VALUES (:id, 'daily', :start, :end)")
                .param("id", id)
                .param("start", java.sql.Timestamp.from(Instant.parse(start)))
                .param("end", java.sql.Timestamp.from(Instant.parse(end)))
                .update();
    }

    private DigestScheduler scheduler(int maxAttempts) {
        DigestProperties digests = new DigestProperties(false, LocalTime.of(7, 0), ZoneId.of("UTC"), DayOfWeek.MONDAY,
                Duration.ofSeconds(30), 50, Duration.ofMinutes(5), maxAttempts);
        NewsletterProperties newsletter = new NewsletterProperties("Newswire", "newsroom@newswire.local",
                "newsroom@newswire.local", "newswire.local", 2, Duration.ofHours(24));
        BrandingProperties branding = new BrandingProperties("Newswire", null, "#b3261e", "#1d1b20", "#ffffff", null);
        SubscriberLinks links = new SubscriberLinks(EmailTemplatesFixture.PUBLIC_BASE_URL, new SubscriberTokens(SECRET, Clock.systemUTC()), Duration.ofDays(7), Clock.systemUTC());
        return DigestConfiguration.assemble(jdbc, JsonMapper.builder().build(), mail, digests, newsletter, branding,
                EmailTemplatesFixture.templates(branding), links);
    }

    private static final class RecordingMailChannel implements MailChannel {

        final List<Email> sent = new ArrayList<>();
        final Map<String, Integer> attempts = new HashMap<>();
        private final Map<String, RuntimeException> failures = new HashMap<>();
        private final List<String> alwaysDeferred = new ArrayList<>();
        private int failAfter = -1;
        private RuntimeException channelFailure;

        /** The recipient is refused once: for now (accepted on the next attempt) or for good. */
        void failFor(String recipient, RuntimeException failure) {
            failures.put(recipient, failure);
        }

        void alwaysDefer(String recipient) {
            alwaysDeferred.add(recipient);
        }

        /** The channel fails once, after {@code count} emails went out. */
        void failAfter(int count, RuntimeException failure) {
            failAfter = count;
            channelFailure = failure;
        }

        @Override
        public void send(Email email) {
            if (sent.size() == failAfter && channelFailure != null) {
                RuntimeException failure = channelFailure;
                channelFailure = null;
                throw failure;
            }
            attempts.merge(email.to(), 1, Integer::sum);
            if (alwaysDeferred.contains(email.to())) {
                throw new RecipientRefusedException("451 try later", false);
            }
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
