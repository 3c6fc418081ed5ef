package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP adapter: rendering without a server, and sending against a real SMTP server (a stub
 * that can refuse recipients and drop connections as told, and counts the connections made), one
 * that does not advertise PIPELINING (Angus Mail sends everything) and one that does (bulk copies
 * go out as pipelined transactions).
 */
class SmtpMailChannelTest {

    private static final Email.Sender SENDER = new Email.Sender("Newswire", "newsroom@newswire.local",
            "letters@newswire.local", "newsletter.newswire.local");

    private final SmtpServerStub smtp = SmtpServerStub.start();
    private final SmtpMailChannel channel = new SmtpMailChannel(senderTo(smtp), 2);
    private final SmtpServerStub pipeliningSmtp = SmtpServerStub.startPipelining();
    private final SmtpMailChannel pipelined = new SmtpMailChannel(senderTo(pipeliningSmtp), 2);

    @AfterEach
    void tearDown() {
        channel.close();
        smtp.close();
        pipelined.close();
        pipeliningSmtp.close();
    }

    @Test
    void kazakhSubjectIsEncodedAsRfc2047WordsAndDecodesBack() throws Exception {
        MimeMessage message = new SmtpMailChannel(new JavaMailSenderImpl()).render(email("Жаңалықтар", "reader@example.test"));

        String rawSubject = message.getHeader("Subject")[0];
        assertThat(rawSubject).startsWith("=?UTF-8?").endsWith("?=").doesNotContain("Жаңалықтар");
        assertThat(message.getSubject()).isEqualTo("Жаңалықтар");
    }

    @Test
    void messageIsMultipartAlternativeWithTextThenHtml() throws Exception {
        MimeMessage message = new SmtpMailChannel(new JavaMailSenderImpl()).render(email("Budget passes", "reader@example.test"));
        // Part headers are written when the message is saved, as the sender does before sending.
        message.saveChanges();

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart alternatives = (MimeMultipart) message.getContent();
        assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternatives.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(alternatives.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(alternatives.getBodyPart(1).getContent()).isEqualTo("<p>Budget passes</p>");
    }

    @Test
    void headersNameTheNewsletterAndTheFixedMessageId() throws Exception {
        MimeMessage message = new SmtpMailChannel(new JavaMailSenderImpl()).render(email("Budget passes", "reader@example.test"));

        assertThat(message.getFrom()).containsExactly(new InternetAddress("newsroom@newswire.local", "Newswire"));
        assertThat(message.getReplyTo()).containsExactly(new InternetAddress("letters@newswire.local"));
        assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("reader@example.test"));
        assertThat(message.getHeader("Message-ID")).containsExactly("<a.s@newswire.local>");
        assertThat(message.getHeader("List-Id")).containsExactly("Newswire <newsletter.newswire.local>");
    }

    @Test
    void oneClickUnsubscribeHeadersAreOnOneUnfoldedLine() throws Exception {
        MimeMessage message = new SmtpMailChannel(new JavaMailSenderImpl()).render(email("Budget passes", "reader@example.test"));
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        message.writeTo(raw);

        String link = "https://news.example/unsubscribe?token=" + "t".repeat(120);
        assertThat(raw.toString(java.nio.charset.StandardCharsets.US_ASCII).lines())
                .contains("List-Unsubscribe: <" + link + ">", "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }

    @Test
    void confirmationEmailWithoutUnsubscribeLinkHasNoListHeaders() throws Exception {
        Email email = email("Confirm your subscription", "reader@example.test");
        Email confirmation = new Email(email.messageId(), email.sender(), email.to(), email.subject(), email.text(),
                email.html(), null);

        MimeMessage message = new SmtpMailChannel(new JavaMailSenderImpl()).render(confirmation);

        assertThat(message.getHeader("List-Id")).isNull();
        assertThat(message.getHeader("List-Unsubscribe")).isNull();
        assertThat(message.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @Test
    void recipientRefusedForGoodIsReportedAsPermanentlyRefused() {
        smtp.refuseAlways("gone@example.test", 550);

        assertThatThrownBy(() -> channel.send(email("Budget passes", "gone@example.test")))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isTrue())
                .hasMessageNotContaining("gone@example.test")
                .hasNoCause();
    }

    @Test
    void recipientRefusedForNowIsReportedAsTemporarilyRefused() {
        smtp.refuse("full@example.test", 452, 1);

        assertThatThrownBy(() -> channel.send(email("Budget passes", "full@example.test")))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isFalse())
                .hasMessageNotContaining("full@example.test")
                .hasNoCause();
    }

    @Test
    void lostConnectionIsAChannelFailureToRetry() {
        smtp.dropConnectionInData(1);

        assertThatThrownBy(() -> channel.send(email("Budget passes", "reader@example.test")))
                .isInstanceOf(MailSendException.class)
                .hasMessageNotContaining("reader@example.test");
    }

    @Test
    void connectionLostBeforeTheServerAnsweredTheMessageIsAChannelFailureNotARefusal() {
        smtp.dropConnectionBeforeAnsweringData(1);

        assertThatThrownBy(() -> channel.send(email("Budget passes", "reader@example.test")))
                .isInstanceOf(MailSendException.class)
                .hasMessageNotContaining("reader@example.test");
        channel.send(email("Budget passes", "reader@example.test"));

        assertThat(smtp.recipients()).containsExactly("reader@example.test");
        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void unreachableServerIsAChannelFailureToRetry() {
        smtp.close();

        assertThatThrownBy(() -> channel.send(email("Budget passes", "reader@example.test")))
                .isInstanceOf(MailSendException.class);
    }

    @Test
    void malformedAddressIsRefusedForGoodWithoutTalkingToTheServer() {
        assertThatThrownBy(() -> channel.send(email("Budget passes", "not an address")))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isTrue());
        assertThat(smtp.connections()).isZero();
    }

    @Test
    void emailsOneAfterAnotherShareOneConnection() {
        for (int i = 0; i < 5; i++) {
            channel.send(email("Story " + i, "reader-" + i + "@example.test"));
        }

        assertThat(smtp.recipients()).hasSize(5);
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void concurrentEmailsUseNoMoreConnectionsThanThePoolHolds() throws Exception {
        onFourThreads(0, 40, i -> channel.send(email("Budget passes", "reader-" + i + "@example.test")));

        assertThat(smtp.recipients()).hasSize(40).doesNotHaveDuplicates();
        assertThat(smtp.connections()).isBetween(1, 2);
    }

    @Test
    void refusedRecipientLeavesTheConnectionUsableForTheNextEmail() {
        smtp.refuseAlways("gone@example.test", 550).refuse("full@example.test", 451, 1);

        assertThatThrownBy(() -> channel.send(email("Budget passes", "gone@example.test")))
                .isInstanceOf(RecipientRefusedException.class);
        assertThatThrownBy(() -> channel.send(email("Budget passes", "full@example.test")))
                .isInstanceOf(RecipientRefusedException.class);
        channel.send(email("Budget passes", "reader@example.test"));

        assertThat(smtp.recipients()).containsExactly("reader@example.test");
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void connectionThatFailedIsReplacedForTheNextEmail() {
        smtp.dropConnectionInData(1);
        assertThatThrownBy(() -> channel.send(email("Budget passes", "first@example.test")))
                .isInstanceOf(MailSendException.class);

        channel.send(email("Budget passes", "second@example.test"));

        assertThat(smtp.recipients()).containsExactly("second@example.test");
        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void closingTheChannelClosesItsConnections() {
        channel.send(email("Budget passes", "reader@example.test"));
        assertThat(smtp.openConnections()).isEqualTo(1);

        channel.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.openConnections() == 0);
    }

    @Test
    void messageArrivesWithItsOwnMessageId() {
        channel.send(email("Budget passes", "reader@example.test"));

        assertThat(smtp.deliveries()).containsExactly(new SmtpServerStub.Delivery("reader@example.test", "<a.s@newswire.local>"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ASCII (7bit), Budget passes, The vote was close., 1",
            "mostly ASCII (quoted-printable), Budget passes – 52 to 48, “Close” was the word; a line long enough to be wrapped by the quoted-printable encoder at seventy-six characters, 1",
            "Kazakh (base64), Жаңалықтар, Бюджет қабылданды: елу екіге қарсы қырық сегіз. , 8"})
    void copyOfABulkEmailIsWrittenByteForByteAsTheEmailOnItsOwn(String kind, String subject, String sentence, int sentences)
            throws Exception {
        String body = sentence.repeat(sentences);
        SmtpMailChannel renderer = new SmtpMailChannel(new JavaMailSenderImpl());
        BulkEmail bulk = new BulkEmail(SENDER, subject, body + "\nPreferences: MARK-P\nUnsubscribe: MARK-U\n",
                "<p>" + body + "</p>\n<a href=\"MARK-P\">Preferences</a> <a href=\"MARK-U\">Unsubscribe</a>\n",
                List.of("MARK-P", "MARK-U"));
        MimeMerge merge = MimeMerge.prepare(renderer, bulk, copy("first@example.test", 0));

        for (int i = 1; i <= 2; i++) {
            BulkEmail.Copy copy = copy("reader-" + i + "@example.test", i);
            MimeMessage alone = renderer.render(bulk.email(copy));
            SmtpMailChannel.prepare(alone);
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            alone.writeTo(expected, new String[] {"Bcc", "Content-Length"});

            String merged = merge.bytes(copy, new InternetAddress(copy.to())).toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(withoutDateAndBoundary(merged)).as(kind)
                    .isEqualTo(withoutDateAndBoundary(expected.toString(java.nio.charset.StandardCharsets.ISO_8859_1)));
            assertThat(merged).contains("Content-Transfer-Encoding: " + kind.replaceFirst(".*\\((.*)\\)", "$1"),
                    "Message-ID: " + copy.messageId(), "To: " + copy.to(),
                    "List-Unsubscribe: <" + copy.unsubscribe() + ">");
        }
    }

    @Test
    void copiesOfABulkEmailArriveEachWithItsOwnRecipientAndMessageIdOverSharedConnections() throws Exception {
        smtp.refuseAlways("gone@example.test", 550).refuse("full@example.test", 451, 1);
        BulkEmail bulk = new BulkEmail(SENDER, "Budget passes", "Unsubscribe: MARK-U\n",
                "<a href=\"MARK-U\">Unsubscribe</a>\n", List.of("MARK-P", "MARK-U"));
        MailChannel.Merge merge = channel.merge(bulk);

        assertThatThrownBy(() -> merge.send(copy("gone@example.test", 0)))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isTrue());
        assertThatThrownBy(() -> merge.send(copy("full@example.test", 1)))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isFalse());
        assertThatThrownBy(() -> merge.send(copy("not an address", 2)))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isTrue());
        onFourThreads(3, 23, i -> merge.send(copy("reader-" + i + "@example.test", i)));

        assertThat(smtp.deliveries()).hasSize(20).allSatisfy(delivery -> assertThat(delivery.messageId())
                .isEqualTo("<a." + delivery.recipient().replaceAll("\\D", "") + "@newswire.local>"));
        assertThat(smtp.connections()).isBetween(1, 2);
        assertThat(smtp.pipelinedTransactions()).as("no PIPELINING advertised, none used").isZero();
    }

    @Test
    void copiesOfABulkEmailArePipelinedWhenTheServerAdvertisesPipelining() throws Exception {
        MailChannel.Merge merge = pipelined.merge(bulk());
        onFourThreads(0, 20, i -> merge.send(copy("reader-" + i + "@example.test", i)));

        assertThat(pipeliningSmtp.deliveries()).hasSize(20).allSatisfy(delivery -> assertThat(delivery.messageId())
                .isEqualTo("<a." + delivery.recipient().replaceAll("\\D", "") + "@newswire.local>"));
        assertThat(pipeliningSmtp.recipients()).doesNotHaveDuplicates();
        assertThat(pipeliningSmtp.pipelinedTransactions()).as("MAIL FROM, RCPT TO and DATA sent together")
                .isEqualTo(pipeliningSmtp.transactions()).isEqualTo(20);
        assertThat(pipeliningSmtp.connections()).isBetween(1, 2);
    }

    @Test
    void pipelinedCopiesToRefusedRecipientsAreReportedAsWithoutPipeliningAndTheConnectionGoesOn() {
        pipeliningSmtp.refuseAlways("gone@example.test", 550).refuse("full@example.test", 451, 1)
                .refuseAlways("over-quota@example.test", 552);
        MailChannel.Merge merge = pipelined.merge(bulk());

        assertThatThrownBy(() -> merge.send(copy("gone@example.test", 0)))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isTrue())
                .hasMessageNotContaining("gone@example.test")
                .hasNoCause();
        assertThatThrownBy(() -> merge.send(copy("full@example.test", 1)))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isFalse())
                .hasMessageNotContaining("full@example.test")
                .hasNoCause();
        // 552 (storage exceeded) is retried, as Angus Mail reads it.
        assertThatThrownBy(() -> merge.send(copy("over-quota@example.test", 2)))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isFalse());
        merge.send(copy("full@example.test", 1));
        merge.send(copy("reader-3@example.test", 3));

        assertThat(pipeliningSmtp.deliveries()).extracting(SmtpServerStub.Delivery::messageId)
                .containsExactly("<a.1@newswire.local>", "<a.3@newswire.local>");
        assertThat(pipeliningSmtp.pipelinedTransactions()).isEqualTo(pipeliningSmtp.transactions()).isEqualTo(5);
        assertThat(pipeliningSmtp.connections()).isOne();
    }

    @Test
    void pipelinedCopyWhoseServerWentSilentIsAChannelFailureAndItsRetryIsDeliveredOnce() {
        pipeliningSmtp.dropConnectionBeforeAnsweringData(1);
        MailChannel.Merge merge = pipelined.merge(bulk());

        assertThatThrownBy(() -> merge.send(copy("reader-0@example.test", 0)))
                .isInstanceOf(MailSendException.class)
                .hasMessageNotContaining("reader-0@example.test");
        merge.send(copy("reader-0@example.test", 0));
        merge.send(copy("reader-1@example.test", 1));

        assertThat(pipeliningSmtp.recipients()).containsExactly("reader-0@example.test", "reader-1@example.test");
        assertThat(pipeliningSmtp.connections()).as("the failed connection replaced, the new one reused").isEqualTo(2);
    }

    @Test
    void pipelinedCopyWhoseConnectionDroppedInTheMessageIsAChannelFailure() {
        pipeliningSmtp.dropConnectionInData(1);
        MailChannel.Merge merge = pipelined.merge(bulk());

        assertThatThrownBy(() -> merge.send(copy("reader-0@example.test", 0)))
                .isInstanceOf(MailSendException.class)
                .hasMessageNotContaining("reader-0@example.test");
        merge.send(copy("reader-1@example.test", 1));

        assertThat(pipeliningSmtp.recipients()).containsExactly("reader-1@example.test");
        assertThat(pipeliningSmtp.connections()).isEqualTo(2);
    }

    @Test
    void singleEmailsAndPipelinedCopiesTakeTurnsOnOneConnection() {
        MailChannel.Merge merge = pipelined.merge(bulk());

        merge.send(copy("reader-0@example.test", 0));
        pipelined.send(email("Confirm your subscription", "new-reader@example.test"));
        merge.send(copy("reader-1@example.test", 1));

        assertThat(pipeliningSmtp.recipients())
                .containsExactly("reader-0@example.test", "new-reader@example.test", "reader-1@example.test");
        assertThat(pipeliningSmtp.pipelinedTransactions()).as("only the copies").isEqualTo(2);
        assertThat(pipeliningSmtp.connections()).isOne();
    }

    @Test
    void configurationAskingForMoreThanAPlainConnectionIsNeverPipelined() {
        JavaMailSenderImpl sender = senderTo(pipeliningSmtp);
        // Angus Mail goes on without TLS when the server does not offer it; this class must not try to.
        sender.getJavaMailProperties().put("mail.smtp.starttls.enable", "true");
        try (SmtpMailChannel startTls = new SmtpMailChannel(sender, 1)) {
            MailChannel.Merge merge = startTls.merge(bulk());

            merge.send(copy("reader-0@example.test", 0));
            merge.send(copy("reader-1@example.test", 1));
        }

        assertThat(pipeliningSmtp.recipients()).containsExactly("reader-0@example.test", "reader-1@example.test");
        assertThat(pipeliningSmtp.pipelinedTransactions()).isZero();
    }

    @Test
    void pipelinedMessageToAServerThatStopsReadingFailsAfterTheWriteTimeout() {
        pipeliningSmtp.stopReadingInData(1);
        JavaMailSenderImpl sender = senderTo(pipeliningSmtp);
        sender.getJavaMailProperties().put("mail.smtp.writetimeout", "1000");
        // More than the socket buffers of both ends hold, so the write blocks.
        String story = "A long read, line after line.\n".repeat(300_000);
        BulkEmail longRead = new BulkEmail(SENDER, "Long read", story + "Unsubscribe: MARK-U\n",
                "<pre>" + story + "</pre><a href=\"MARK-U\">Unsubscribe</a>\n", List.of("MARK-P", "MARK-U"));

        try (SmtpMailChannel timed = new SmtpMailChannel(sender, 1)) {
            MailChannel.Merge merge = timed.merge(longRead);
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> merge.send(copy("reader-0@example.test", 0)))
                    .isInstanceOf(MailSendException.class)
                    .hasMessageNotContaining("reader-0@example.test"));
        }
        assertThat(pipeliningSmtp.pipelinedTransactions()).isOne();
    }

    /** Runs {@code send} for each of {@code from} to {@code to - 1} on four threads at once; the first failure fails the test. */
    private static void onFourThreads(int from, int to, Send send) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int n = i;
                sends.add(senders.submit(() -> {
                    send.send(n);
                    return null;
                }));
            }
            for (Future<?> sent : sends) {
                sent.get();
            }
        }
        finally {
            senders.shutdown();
        }
    }

    @FunctionalInterface
    private interface Send {
        void send(int n) throws Exception;
    }

    private static BulkEmail bulk() {
        return new BulkEmail(SENDER, "Budget passes", "Unsubscribe: MARK-U\n", "<a href=\"MARK-U\">Unsubscribe</a>\n",
                List.of("MARK-P", "MARK-U"));
    }

    private static BulkEmail.Copy copy(String to, int n) {
        // The values of the marks in the order of the marks; the second (unsubscribe) also goes in List-Unsubscribe.
        String preferences = "https://news.example/preferences?token=" + n + "&x=" + "p".repeat(60);
        String unsubscribe = "https://news.example/unsubscribe?token=" + n + "&x=" + "t".repeat(60);
        return new BulkEmail.Copy(to, "<a." + n + "@newswire.local>", java.net.URI.create(unsubscribe),
                List.of(preferences, unsubscribe), List.of(preferences.replace("&", "&amp;"), unsubscribe.replace("&", "&amp;")));
    }

    private static String withoutDateAndBoundary(String message) {
        String boundary = message.replaceFirst("(?s).*boundary=\"([^\"]+)\".*", "$1");
        return message.replace(boundary, "BOUNDARY").replaceFirst("Date: [^\r\n]*", "Date: (when sent)");
    }

    private static JavaMailSenderImpl senderTo(SmtpServerStub smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port());
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "5000");
        timeouts.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(timeouts);
        return sender;
    }

    private static Email email(String subject, String to) {
        return new Email("<a.s@newswire.local>", SENDER, to, subject, subject, "<p>" + subject + "</p>",
                java.net.URI.create("https://news.example/unsubscribe?token=" + "t".repeat(120)));
    }
}
