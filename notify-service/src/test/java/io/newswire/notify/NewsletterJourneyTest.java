package io.newswire.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.embedded.LocalSmtpServer;
import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import io.newswire.testsupport.WithSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A reader's whole journey, as the reader lives it: the signup form, the confirmation email and its
 * link, the next story in the inbox (both parts, every list header), the one-click unsubscribe a
 * mailbox provider sends, and silence afterwards. Real broker, database and SMTP server; the
 * stories arrive on {@code newswire.articles} exactly as ingest writes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@WithPostgres
@WithSmtp
class NewsletterJourneyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://[^\\s\"<>]+/subscribe/confirm\\?token=[A-Za-z0-9_.-]+");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LocalSmtpServer smtp;

    @Autowired
    private KafkaConnectionDetails kafka;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String domain = "journey-" + UUID.randomUUID().toString().substring(0, 8) + ".example";

    @AfterEach
    void forgetReaders() {
        jdbc.update("DELETE FROM subscriber WHERE email LIKE ?", "%@" + domain);
    }

    @Test
    void readerSignsUpConfirmsGetsTheNextStoryAndLeavesWithOneClick() throws Exception {
        String reader = "aigerim@" + domain;
        // Another reader of the same topic: when the next story reaches her, it has been sent.
        String witness = "witness@" + domain;
        jdbc.update("INSERT INTO subscriber (email, status, topics, frequency, confirmed_at) "
                + "VALUES (?, 'confirmed', '{technology}', 'each', now())", witness);

        HttpResponse<String> signup = postForm("/subscribe",
                "email=" + encode(reader) + "&topics=Technology&frequency=each&website=");
        assertThat(signup.statusCode()).isEqualTo(200);
        assertThat(signup.body()).contains("Check your inbox");

        MimeMessage confirmation = await().atMost(PATIENCE).until(() -> mailsTo(reader), mails -> mails.size() == 1).get(0);
        String confirmLink = find(CONFIRM_LINK, part(confirmation, "text/plain"));
        HttpResponse<String> confirmed = get(URI.create(confirmLink));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("You're subscribed");

        String storyId = UUID.randomUUID().toString();
        publish(storyId, "Жасанды интеллект: жаңа заң қабылданды 🤖");
        MimeMessage story = await().atMost(PATIENCE).until(() -> mailsAbout(storyId, reader), mails -> mails.size() == 1).get(0);

        assertThat(story.getSubject()).isEqualTo("Жасанды интеллект: жаңа заң қабылданды 🤖");
        assertThat(story.getHeader("Subject")[0]).as("RFC 2047 encoded").startsWith("=?UTF-8?").doesNotContain("Жасанды");
        assertThat(story.getFrom()).containsExactly(new InternetAddress("newsroom@newswire.local", "Newswire"));
        assertThat(story.getReplyTo()).containsExactly(new InternetAddress("newsroom@newswire.local"));
        assertThat(story.getSentDate()).isNotNull();
        assertThat(story.getMessageID()).startsWith("<" + storyId + ".").endsWith("@newswire.local>");
        assertThat(story.getHeader("List-Id")).containsExactly("Newswire <newsletter.newswire.local>");
        assertThat(story.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String listUnsubscribe = story.getHeader("List-Unsubscribe")[0];
        assertThat(listUnsubscribe).as("one unfolded line").doesNotContain("\r", "\n")
                .startsWith("<http://127.0.0.1:8083/unsubscribe?token=").endsWith(">");
        URI unsubscribe = URI.create(listUnsubscribe.substring(1, listUnsubscribe.length() - 1));
        assertThat(story.isMimeType("multipart/alternative")).isTrue();
        String text = part(story, "text/plain");
        String html = part(story, "text/html");
        assertThat(text).contains("Жасанды интеллект", "Read the story: https://example.com/news/" + storyId, unsubscribe.toString());
        assertThat(html).contains("Жасанды интеллект", "href=\"https://example.com/news/" + storyId + "\"",
                unsubscribe.toString().replace("&", "&amp;"));

        // A forged link (another reader's id under this reader's signature) changes nothing.
        String token = unsubscribe.getRawQuery().substring("token=".length());
        String forged = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
        assertThat(oneClick(URI.create(unsubscribe.toString().replace(token, forged))).statusCode()).isEqualTo(400);
        assertThat(status(reader)).isEqualTo("confirmed");

        // What Gmail's or Yahoo's unsubscribe button sends (RFC 8058), to the link exactly as mailed.
        assertThat(oneClick(unsubscribe).statusCode()).isEqualTo(200);
        assertThat(status(reader)).isEqualTo("unsubscribed");

        String nextStoryId = UUID.randomUUID().toString();
        publish(nextStoryId, "Next story");
        await().atMost(PATIENCE).until(() -> mailsAbout(nextStoryId, witness), mails -> mails.size() == 1);
        assertThat(mailsAbout(nextStoryId, reader)).as("nothing after leaving").isEmpty();
        assertThat(mailsTo(reader)).hasSize(2);
    }

    private HttpResponse<String> oneClick(URI link) throws Exception {
        return http.send(HttpRequest.newBuilder(local(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                // A reader of its own behind the trusted local proxy: its own signup rate-limit bucket.
                .header("X-Forwarded-For", "203.0.113.77")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI link) throws Exception {
        return http.send(HttpRequest.newBuilder(local(link)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Links are mailed under the public base URL; the test's server listens on a port of its own. */
    private URI local(URI link) {
        return URI.create("http://127.0.0.1:" + port + link.getRawPath() + "?" + link.getRawQuery());
    }

    private String status(String address) {
        return jdbc.queryForObject("SELECT status FROM subscriber WHERE email = ?", String.class, address);
    }

    /** A published story in Technology, as ingest writes it: key the id, CloudEvents headers, JSON value. */
    private void publish(String storyId, String title) throws Exception {
        String json = """
                {"id":"%s","version":1,"url":"https://example.com/news/%s","title":"%s","summary":"What happened",
                 "contentHtml":"<p>x</p>","authors":[{"name":"A. Writer","url":null}],"categories":["Technology"],
                 "tags":[],"language":"kk","publishedAt":"%s","updatedAt":"%s","leadImage":null}"""
                .formatted(storyId, storyId, title, Instant.now(), Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(ArticleTopic.NAME, storyId, json);
        Map.of(ArticleTopic.CE_SPECVERSION, ArticleTopic.SPECVERSION,
                        ArticleTopic.CE_ID, UUID.randomUUID().toString(),
                        ArticleTopic.CE_SOURCE, "urn:newswire:ingest",
                        ArticleTopic.CE_TYPE, "newswire.article.published",
                        ArticleTopic.CE_TIME, Instant.now().toString(),
                        ArticleTopic.CE_SUBJECT, storyId,
                        ArticleTopic.CONTENT_TYPE, ArticleTopic.JSON)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        }
    }

    private List<MimeMessage> mailsTo(String address) {
        return smtp.receivedMessages().stream().filter(mail -> recipient(mail).equals(address)).toList();
    }

    private List<MimeMessage> mailsAbout(String storyId, String address) {
        return mailsTo(address).stream().filter(mail -> messageId(mail).startsWith("<" + storyId + ".")).toList();
    }

    private static String recipient(MimeMessage mail) {
        try {
            return ((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
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

    private static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart alternatives = (MimeMultipart) mail.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            BodyPart part = alternatives.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("No " + type + " part");
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("a link matching %s", pattern).isTrue();
        return matcher.group();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
