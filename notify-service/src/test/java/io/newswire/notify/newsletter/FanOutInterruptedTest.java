package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.embedded.LocalSmtpServer;
import io.newswire.testsupport.RealInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The must-show: a fan-out to 1,000 subscribers, interrupted by shutting the service
 * down half-way, is finished by the next start, and every subscriber has the story exactly once.
 * The service runs as the real application against a real broker, database and SMTP server.
 */
// Starts instances of its own in consumer group notify-service: it runs in a JVM of its own
// (surefire execution "own-instances" in this module's pom), where no cached test context is in
// the group to take a share of the partitions.
@Tag("own-instances")
class FanOutInterruptedTest {

    private static final int SUBSCRIBERS = 1000;
    // Slow enough that the fan-out takes about ten seconds, so a shutdown lands in the middle of it.
    private static final String[] THROTTLED = {"--newswire.newsletter.throttle.messages-per-second=100",
            "--newswire.newsletter.throttle.smtp-connections=4", "--newswire.newsletter.page-size=50"};

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final LocalSmtpServer smtp = RealInfrastructure.smtp();
    private final ArticleEvents articles = new ArticleEvents();
    private final FanOutProbe probe = new FanOutProbe();

    @BeforeEach
    void setUp() {
        TestDatabase.onlyConfirmedSubscribers("interrupted", SUBSCRIBERS);
    }

    @AfterEach
    void tearDown() {
        articles.close();
        probe.close();
    }

    @Test
    void fanOutStoppedHalfWayIsFinishedAfterTheRestartAndNobodyGetsTheStoryTwice() throws Exception {
        String story;
        try (NotifyInstance first = NotifyInstance.start(smtp.port(), THROTTLED)) {
            story = articles.publish("Budget passes", "Politics");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> mailsAbout(story).size() >= 200);
        }
        int beforeRestart = mailsAbout(story).size();
        assertThat(beforeRestart).as("the shutdown interrupted the fan-out").isLessThan(SUBSCRIBERS);

        try (NotifyInstance second = NotifyInstance.start(smtp.port(), THROTTLED)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> sent(story) == SUBSCRIBERS);
            probe.awaitWorkDone(Duration.ofSeconds(30));
        }

        Map<String, Long> mailsPerRecipient = recipients(mailsAbout(story)).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        // The figures the issue asks to see, in the test's output file (target/surefire-reports).
        System.out.printf("Fan-out interrupted after %d of %d emails; after the restart the SMTP server holds %d emails"
                + " to %d distinct recipients%n", beforeRestart, SUBSCRIBERS, mailsAbout(story).size(), mailsPerRecipient.size());
        assertThat(mailsPerRecipient).hasSize(SUBSCRIBERS).allSatisfy((recipient, mails) -> assertThat(mails).as(recipient).isOne());
        assertThat(mailsPerRecipient.keySet()).containsExactlyInAnyOrderElementsOf(
                jdbc.sql("SELECT email FROM subscriber").query(String.class).list());
        assertThat(jdbc.sql("SELECT status, count(*) FROM newsletter_delivery WHERE article_id = :story GROUP BY status")
                .param("story", story)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                .containsExactly(Map.entry("sent", (long) SUBSCRIBERS));
    }

    private int sent(String story) {
        return jdbc.sql("SELECT count(*) FROM newsletter_delivery WHERE article_id = :story AND status = 'sent'")
                .param("story", story)
                .query(Integer.class)
                .single();
    }

    /** The SMTP server is shared by every test in the JVM; a Message-ID names its story. */
    private List<MimeMessage> mailsAbout(String story) {
        return smtp.receivedMessages().stream().filter(mail -> messageId(mail).startsWith("<" + story + ".")).toList();
    }

    private static List<String> recipients(List<MimeMessage> mails) throws MessagingException {
        List<String> recipients = new java.util.ArrayList<>();
        for (MimeMessage mail : mails) {
            for (var address : mail.getRecipients(Message.RecipientType.TO)) {
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
