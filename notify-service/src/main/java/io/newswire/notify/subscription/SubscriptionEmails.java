package io.newswire.notify.subscription;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.newswire.notify.newsletter.Email;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional emails of the signup flow, rendered from Mustache templates
 * ({@code templates/email/confirm.*} and {@code templates/email/already-subscribed.*}) as text and
 * HTML. They are not list mail: no List-Id and no List-Unsubscribe (the reader has not joined
 * any list yet, or already has and is only being reminded of it).
 */
class SubscriptionEmails {

    private final String siteName;
    private final MailIdentity identity;
    private final String lifetime;
    private final Template confirmText;
    private final Template confirmHtml;
    private final Template subscribedText;
    private final Template subscribedHtml;

    /** @param compiler the application's Mustache compiler, whose loader finds {@code templates/…} */
    SubscriptionEmails(Mustache.Compiler compiler, String siteName, MailIdentity identity, Duration confirmationLifetime) {
        this.siteName = siteName;
        this.identity = identity;
        this.lifetime = humanDuration(confirmationLifetime);
        // Plain text is not HTML: nothing in it may be entity-escaped.
        Mustache.Compiler text = compiler.escapeHTML(false);
        this.confirmText = text.loadTemplate("email/confirm.txt");
        this.confirmHtml = compiler.loadTemplate("email/confirm.html");
        this.subscribedText = text.loadTemplate("email/already-subscribed.txt");
        this.subscribedHtml = compiler.loadTemplate("email/already-subscribed.html");
    }

    /** Asks the reader to confirm; {@code link} carries a CONFIRM token. */
    Email confirmation(UUID subscriber, String to, URI link, Instant sentAt) {
        Map<String, Object> model = Map.of("siteName", siteName, "link", link.toString(), "lifetime", lifetime);
        return new Email(messageId("confirm", subscriber, sentAt), sender(), to, "Confirm your subscription to " + siteName,
                confirmText.execute(model), confirmHtml.execute(model), null);
    }

    /** Tells a reader who signed up again that they already are subscribed; {@code link} opens their preferences. */
    Email alreadySubscribed(UUID subscriber, String to, URI link, Instant sentAt) {
        Map<String, Object> model = Map.of("siteName", siteName, "link", link.toString());
        return new Email(messageId("subscribed", subscriber, sentAt), sender(), to, "Your subscription to " + siteName,
                subscribedText.execute(model), subscribedHtml.execute(model), null);
    }

    private Email.Sender sender() {
        return new Email.Sender(siteName, identity.fromAddress(), identity.replyToAddress(), null);
    }

    // Unique per email sent: the claim time changes with every confirmation the reader is sent.
    private String messageId(String kind, UUID subscriber, Instant sentAt) {
        return "<" + kind + "." + subscriber + "." + sentAt.toEpochMilli() + "@" + identity.messageIdDomain() + ">";
    }

    /** "7 days", "36 hours", "90 minutes": the largest whole unit, as a reader would say it. */
    static String humanDuration(Duration duration) {
        if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(1, duration.toMinutes()), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
