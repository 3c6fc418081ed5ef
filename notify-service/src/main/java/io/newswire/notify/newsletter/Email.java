package io.newswire.notify.newsletter;

import java.net.URI;

/**
 * One email as the newsletter means it, before any wire format: {@link MailChannel} adapters
 * render it (the SMTP one as MIME).
 *
 * @param messageId the Message-ID, angle brackets included; deterministic per subscriber and story
 * @param unsubscribe the subscriber's signed one-click unsubscribe URL (List-Unsubscribe, RFC 8058)
 * @param sender    who the email is from, and the list it belongs to
 * @param to        the recipient's address
 * @param subject   plain text
 * @param text      the plain-text body
 * @param html      the HTML body, every value in it already escaped
 */
public record Email(String messageId, Sender sender, String to, String subject, String text, String html, URI unsubscribe) {

    /**
     * @param name    display name, e.g. {@code Newswire}
     * @param address the From address
     * @param replyTo where replies go
     * @param listId  the List-Id identifier (RFC 2919), without angle brackets
     */
    public record Sender(String name, String address, String replyTo, String listId) {
    }

    // The recipient's address is personal data; keep it out of any log that prints an Email.
    @Override
    public String toString() {
        return "Email[" + messageId + "]";
    }
}
