package io.newswire.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.samskivert.mustache.Mustache;
import io.newswire.notify.newsletter.Email;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mustache.autoconfigure.MustacheResourceTemplateLoader;

class SubscriptionEmailsTest {

    private static final Instant SENT = Instant.parse("2026-11-29T12:00:00.123Z");

    private final SubscriptionEmails emails = new SubscriptionEmails(
            Mustache.compiler().withLoader(new MustacheResourceTemplateLoader("classpath:/templates/", ".mustache")),
            "Daily <Planet> & Co", new MailIdentity("news@example.com", "desk@example.com", "mail.example.com"),
            Duration.ofDays(7));
    private final UUID reader = UUID.randomUUID();
    private final URI link = URI.create("https://news.example.com/subscribe/confirm?token=eyJh.c2ln_-");

    @Test
    void confirmationCarriesTheLinkInBothPartsAndNoListHeaders() {
        Email email = emails.confirmation(reader, "reader@example.com", link, SENT);

        assertThat(email.subject()).isEqualTo("Confirm your subscription to Daily <Planet> & Co");
        assertThat(email.messageId()).isEqualTo("<confirm." + reader + "." + SENT.toEpochMilli() + "@mail.example.com>");
        assertThat(email.sender()).isEqualTo(new Email.Sender("Daily <Planet> & Co", "news@example.com", "desk@example.com", null));
        assertThat(email.to()).isEqualTo("reader@example.com");
        assertThat(email.unsubscribe()).isNull();
        assertThat(email.text()).contains("\n" + link + "\n", "works for 7 days", "Daily <Planet> & Co")
                .doesNotContain("&amp;", "&lt;");
        assertThat(email.html()).contains("<a href=\"" + link + "\"", ">" + link + "</a>", "Daily &lt;Planet&gt; &amp; Co",
                "<html lang=\"en\">");
    }

    @Test
    void alreadySubscribedReminderCarriesThePreferencesLink() {
        URI preferences = URI.create("https://news.example.com/preferences?token=abc.def");

        Email email = emails.alreadySubscribed(reader, "reader@example.com", preferences, SENT);

        assertThat(email.subject()).isEqualTo("Your subscription to Daily <Planet> & Co");
        assertThat(email.messageId()).startsWith("<subscribed." + reader + ".");
        assertThat(email.unsubscribe()).isNull();
        assertThat(email.text()).contains(preferences.toString(), "already subscribed");
        assertThat(email.html()).contains("<a href=\"" + preferences + "\"");
    }

    @Test
    void lifetimeIsSaidAsAReaderWouldSayIt() {
        assertThat(SubscriptionEmails.humanDuration(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(SubscriptionEmails.humanDuration(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(SubscriptionEmails.humanDuration(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }
}
