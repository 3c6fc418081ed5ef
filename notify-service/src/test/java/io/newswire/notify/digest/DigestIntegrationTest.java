package io.newswire.notify.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.embedded.LocalSmtpServer;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import io.newswire.testsupport.WithSmtp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Digests end to end in the service's own context, against a real database and SMTP server: stories
 * and subscribers are rows as the rest of the service writes them, the clock is an explicit instant
 * handed to the scheduler's tick (the ticking adapter is off in the test profile), and the
 * assertions are on the mail the SMTP server received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@WithPostgres
@WithSmtp
class DigestIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private DigestScheduler scheduler;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private LocalSmtpServer smtp;

    private DigestRows rows;

    @BeforeEach
    void setUp() {
        rows = new DigestRows(jdbc);
        rows.clear();
    }

    @Test
    void eachDailySubscriberGetsOneDigestWithExactlyTheStoriesTheyFollow() throws Exception {
        // The period of the digest sent at 07:00 UTC on 12 March 2031: (11 March 07:00, 12 March 07:00].
        rows.story("Budget passes", "Politics", Instant.parse("2031-03-11T09:00:00Z"));
        rows.story("Cup final tonight", "Sport", Instant.parse("2031-03-11T20:00:00Z"));
        rows.story("Rain expected", "Weather", Instant.parse("2031-03-12T07:00:00Z"));
        rows.retract(rows.story("Minister resigns", "Politics", Instant.parse("2031-03-11T12:00:00Z")));
        rows.story("Old vote", "Politics", Instant.parse("2031-03-11T07:00:00Z"));
        rows.story("Tomorrow's news", "Politics", Instant.parse("2031-03-12T07:00:01Z"));
        UUID politics = rows.subscriber("confirmed", "daily", "politics");
        UUID sport = rows.subscriber("confirmed", "daily", "sport", "culture");
        UUID everything = rows.subscriber("confirmed", "daily");
        UUID culture = rows.subscriber("confirmed", "daily", "culture");
        UUID eachStory = rows.subscriber("confirmed", "each");
        UUID pending = rows.subscriber("pending", "daily");

        scheduler.tick(Instant.parse("2031-03-12T07:00:30Z"));

        List<MimeMessage> digests = awaitDigests("20310312T070000Z", 3);
        assertThat(recipients(digests)).containsExactlyInAnyOrder(rows.email(politics), rows.email(sport), rows.email(everything))
                .doesNotContain(rows.email(culture), rows.email(eachStory), rows.email(pending));
        assertThat(stories(mailTo(digests, politics))).containsExactly("Budget passes");
        assertThat(stories(mailTo(digests, sport))).containsExactly("Cup final tonight");
        assertThat(stories(mailTo(digests, everything))).as("newest first")
                .containsExactly("Rain expected", "Cup final tonight", "Budget passes");

        MimeMessage digest = mailTo(digests, politics);
        assertThat(digest.getSubject()).isEqualTo("Newswire: your daily digest — 12 March 2031");
        assertThat(digest.getFrom()).containsExactly(new InternetAddress("newsroom@newswire.local", "Newswire"));
        assertThat(digest.getMessageID()).isEqualTo("<digest.daily.20310312T070000Z." + politics + "@newswire.local>");
        assertThat(digest.getHeader("List-Id")).containsExactly("Newswire <newsletter.newswire.local>");
        assertThat(digest.getHeader("List-Unsubscribe")).singleElement().asString()
                .matches("<http://127\\.0\\.0\\.1:8083/unsubscribe\\?token=[A-Za-z0-9_.-]+>");
        assertThat(digest.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String unsubscribe = digest.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        assertThat(text(digest)).contains("Unsubscribe: " + unsubscribe, "Manage your preferences: http://127.0.0.1:8083/preferences?token=");
        assertThat(html(digest)).contains("<a href=\"" + unsubscribe + "\">Unsubscribe</a>",
                "<a href=\"https://example.com/news/");
    }

    @Test
    void secondTickSendsNothingMore() throws Exception {
        rows.story("Budget passes", "Politics", Instant.parse("2031-05-06T09:00:00Z"));
        rows.subscriber("confirmed", "daily");
        rows.subscriber("confirmed", "daily");

        scheduler.tick(Instant.parse("2031-05-07T07:00:30Z"));
        awaitDigests("20310507T070000Z", 2);
        scheduler.tick(Instant.parse("2031-05-07T07:01:00Z"));
        scheduler.tick(Instant.parse("2031-05-07T19:00:00Z"));

        assertThat(digestsOf("20310507T070000Z")).hasSize(2);
        assertThat(rows.deliveries("sent")).hasSize(2);
        assertThat(rows.dispatched("daily/2031-05-07T07:00:00Z")).isTrue();
    }

    @Test
    void runInterruptedHalfWayIsCompletedWithoutMailingAnyoneTwice() throws Exception {
        rows.story("Budget passes", "Politics", Instant.parse("2031-06-03T09:00:00Z"));
        UUID mailed = rows.subscriber("confirmed", "daily");
        UUID notYet = rows.subscriber("confirmed", "daily");
        UUID alsoNotYet = rows.subscriber("confirmed", "daily");
        // What an instance that died mid-walk leaves: the run planned and leased (the lease since run
        // out), one digest sent and in the ledger, the rest not.
        String run = "daily/2031-06-04T07:00:00Z";
        jdbc.sql("""
                INSERT INTO digest_run (id, frequency, period_start, period_end, leased_until, lease_holder)
                VALUES (:id, 'daily', '2031-06-03T07:00:00Z', '2031-06-04T07:00:00Z', now() - interval '1 minute', gen_random_uuid())""")
                .param("id", run).update();
        jdbc.sql("""
                INSERT INTO digest_delivery (subscriber_id, digest_id, status, message_id, attempts)
                VALUES (:subscriber, :run, 'sent', :messageId, 1)""")
                .param("subscriber", mailed).param("run", run)
                .param("messageId", "<digest.daily.20310604T070000Z." + mailed + "@newswire.local>").update();

        scheduler.tick(Instant.parse("2031-06-04T08:15:00Z"));

        List<MimeMessage> digests = awaitDigests("20310604T070000Z", 2);
        assertThat(recipients(digests)).containsExactlyInAnyOrder(rows.email(notYet), rows.email(alsoNotYet));
        assertThat(rows.dispatched(run)).isTrue();
        assertThat(rows.deliveries("sent")).hasSize(3);
    }

    private List<MimeMessage> awaitDigests(String periodEnd, int count) {
        return await().atMost(PATIENCE).until(() -> digestsOf(periodEnd), mails -> mails.size() >= count);
    }

    /** The SMTP server is shared by every test in the JVM; a digest's Message-ID names its period. */
    private List<MimeMessage> digestsOf(String periodEnd) {
        return smtp.receivedMessages().stream()
                .filter(mail -> messageId(mail).startsWith("<digest.daily." + periodEnd + "."))
                .toList();
    }

    private MimeMessage mailTo(List<MimeMessage> mails, UUID subscriber) throws MessagingException {
        String address = rows.email(subscriber);
        for (MimeMessage mail : mails) {
            if (recipients(List.of(mail)).contains(address)) {
                return mail;
            }
        }
        throw new AssertionError("No digest to subscriber " + subscriber);
    }

    /**
     * The headlines a digest lists, read from both parts: the text part's entries ("* Headline")
     * and the HTML part's headline links must name the same stories, in the same order.
     */
    private static List<String> stories(MimeMessage digest) throws Exception {
        List<String> inText = text(digest).lines().filter(line -> line.startsWith("* ")).map(line -> line.substring(2)).toList();
        List<String> inHtml = java.util.regex.Pattern.compile("<h2[^>]*><a href=\"[^\"]+\"[^>]*>([^<]+)</a></h2>")
                .matcher(html(digest)).results().map(match -> match.group(1)).toList();
        assertThat(inHtml).as("the HTML part lists what the text part does").isEqualTo(inText);
        return inText;
    }

    private static String text(MimeMessage digest) throws MessagingException, IOException {
        MimeMultipart alternatives = alternatives(digest);
        assertThat(alternatives.getBodyPart(0).isMimeType("text/plain")).isTrue();
        return (String) alternatives.getBodyPart(0).getContent();
    }

    private static String html(MimeMessage digest) throws MessagingException, IOException {
        MimeMultipart alternatives = alternatives(digest);
        assertThat(alternatives.getBodyPart(1).isMimeType("text/html")).isTrue();
        return (String) alternatives.getBodyPart(1).getContent();
    }

    private static MimeMultipart alternatives(MimeMessage digest) throws MessagingException, IOException {
        assertThat(digest.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart alternatives = (MimeMultipart) digest.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        return alternatives;
    }

    private static List<String> recipients(List<MimeMessage> mails) throws MessagingException {
        List<String> recipients = new java.util.ArrayList<>();
        for (MimeMessage mail : mails) {
            for (jakarta.mail.Address address : mail.getRecipients(Message.RecipientType.TO)) {
                recipients.add(((InternetAddress) address).getAddress());
            }
        }
        return recipients;
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
}
