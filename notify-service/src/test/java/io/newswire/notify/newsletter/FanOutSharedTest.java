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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the service running at once share one story's fan-out through the work
 * topic's partitions: each sends part of it, and together they mail every subscriber once.
 */
// Starts instances of its own in consumer group notify-service: it runs in a JVM of its own
// (surefire execution "own-instances" in this module's pom), where no cached test context is in
// the group to take a share of the partitions.
@Tag("own-instances")
class FanOutSharedTest {

    private static final int SUBSCRIBERS = 400;

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final LocalSmtpServer smtp = RealInfrastructure.smtp();
    private final ArticleEvents articles = new ArticleEvents();
    private final FanOutProbe probe = new FanOutProbe();

    @BeforeEach
    void setUp() {
        TestDatabase.onlyConfirmedSubscribers("shared", SUBSCRIBERS);
    }

    @AfterEach
    void tearDown() {
        articles.close();
        probe.close();
    }

    @Test
    void twoInstancesShareOneStorysFanOutAndMailEverySubscriberOnce() throws Exception {
        try (NotifyInstance a = NotifyInstance.start(smtp.port(), instance("notify-a"));
                NotifyInstance b = NotifyInstance.start(smtp.port(), instance("notify-b"))) {
            probe.awaitWorkSharedBy(List.of("notify-a", "notify-b"), Duration.ofSeconds(60));

            String story = articles.publish("Budget passes", "Politics");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> sent(story) == SUBSCRIBERS);
            probe.awaitWorkDone(Duration.ofSeconds(30));
            List<String> recipients = recipients(mailsAbout(story));
            assertThat(recipients).hasSize(SUBSCRIBERS).doesNotHaveDuplicates();
            assertThat(a.emails("sent")).as("sent by instance a").isPositive();
            assertThat(b.emails("sent")).as("sent by instance b").isPositive();
            assertThat(a.emails("sent") + b.emails("sent")).isEqualTo(SUBSCRIBERS);
        }
    }

    private static String[] instance(String clientId) {
        return new String[] {"--spring.kafka.consumer.client-id=" + clientId,
                "--newswire.newsletter.throttle.messages-per-second=100"};
    }

    private int sent(String story) {
        return jdbc.sql("SELECT count(*) FROM newsletter_delivery WHERE article_id = :story AND status = 'sent'")
                .param("story", story)
                .query(Integer.class)
                .single();
    }

    private List<MimeMessage> mailsAbout(String story) {
        return smtp.receivedMessages().stream().filter(mail -> messageId(mail).startsWith("<" + story + ".")).toList();
    }

    private static List<String> recipients(List<MimeMessage> mails) throws MessagingException {
        List<String> recipients = new ArrayList<>();
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
