package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SmtpMailChannelTest {

    private static final Email.Sender SENDER = new Email.Sender("Newswire", "newsroom@newswire.local",
            "letters@newswire.local", "newsletter.newswire.local");

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
    void recipientRefusedForGoodIsReportedAsPermanentlyRefused() throws Exception {
        Address refused = new InternetAddress("gone@example.test");
        SmtpMailChannel channel = new SmtpMailChannel(failingWith(
                new SendFailedException("Invalid Addresses", null, null, null, new Address[] {refused})));

        assertThatThrownBy(() -> channel.send(email("Budget passes", "gone@example.test")))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isTrue())
                .hasMessageNotContaining("gone@example.test")
                .hasNoCause();
    }

    @Test
    void recipientRefusedForNowIsReportedAsTemporarilyRefused() throws Exception {
        Address deferred = new InternetAddress("full@example.test");
        SmtpMailChannel channel = new SmtpMailChannel(failingWith(
                new SendFailedException("452 mailbox full", null, null, new Address[] {deferred}, null)));

        assertThatThrownBy(() -> channel.send(email("Budget passes", "full@example.test")))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isFalse())
                .hasMessageNotContaining("full@example.test")
                .hasNoCause();
    }

    @Test
    void lostConnectionIsAChannelFailureToRetry() {
        SmtpMailChannel channel = new SmtpMailChannel(failingWith(new MessagingException("Connection reset")));

        assertThatThrownBy(() -> channel.send(email("Budget passes", "reader@example.test")))
                .isInstanceOf(MailSendException.class);
    }

    @Test
    void malformedAddressIsRefusedForGoodWithoutTalkingToTheServer() {
        AtomicInteger sends = new AtomicInteger();
        JavaMailSenderImpl sender = new JavaMailSenderImpl() {
            @Override
            protected void doSend(MimeMessage[] messages, Object[] originals) {
                sends.incrementAndGet();
            }
        };

        assertThatThrownBy(() -> new SmtpMailChannel(sender).send(email("Budget passes", "not an address")))
                .isInstanceOfSatisfying(RecipientRefusedException.class, ex -> assertThat(ex.permanent()).isTrue());
        assertThat(sends).hasValue(0);
    }

    private static JavaMailSenderImpl failingWith(Exception failure) {
        return new JavaMailSenderImpl() {
            @Override
            protected void doSend(MimeMessage[] messages, Object[] originals) {
                throw new MailSendException(Map.of(messages[0], failure));
            }
        };
    }

    private static Email email(String subject, String to) {
        return new Email("<a.s@newswire.local>", SENDER, to, subject, subject, "<p>" + subject + "</p>",
                java.net.URI.create("https://news.example/unsubscribe?token=" + "t".repeat(120)));
    }
}
