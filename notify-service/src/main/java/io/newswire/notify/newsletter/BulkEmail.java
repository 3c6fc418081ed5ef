package io.newswire.notify.newsletter;

import java.net.URI;
import java.util.List;

/**
 * One email written once for many recipients (a mail merge): every copy is the same but for its
 * recipient, its Message-ID, its List-Unsubscribe link and the recipient's own values where the
 * bodies hold a mark. Rendering the bodies (and, in the SMTP adapter, the MIME message) once
 * instead of once per recipient is most of what a large fan-out costs.
 *
 * @param sender  who every copy is from, and the list it belongs to
 * @param subject plain text
 * @param text    the plain-text body, with the {@code marks} where each copy's own values go
 * @param html    the HTML body, with the same marks
 * @param marks   the placeholders, each a string no real body contains; a copy gives one value per mark
 */
public record BulkEmail(Email.Sender sender, String subject, String text, String html, List<String> marks) {

    public BulkEmail {
        marks = List.copyOf(marks);
    }

    /** The complete email of one copy, as {@link MailChannel#send} takes it. */
    public Email email(Copy copy) {
        return new Email(copy.messageId(), sender, copy.to(), subject, fill(text, copy.text()), fill(html, copy.html()),
                copy.unsubscribe());
    }

    private String fill(String body, List<String> values) {
        String filled = body;
        for (int i = 0; i < marks.size(); i++) {
            filled = filled.replace(marks.get(i), values.get(i));
        }
        return filled;
    }

    /**
     * One recipient's copy.
     *
     * @param to          the recipient's address
     * @param messageId   the copy's Message-ID, angle brackets included
     * @param unsubscribe the recipient's one-click unsubscribe URL (List-Unsubscribe)
     * @param text        the values of the marks in the plain-text body, in the order of the marks
     * @param html        the values of the marks in the HTML body, already escaped
     */
    public record Copy(String to, String messageId, URI unsubscribe, List<String> text, List<String> html) {

        // The recipient's address is personal data; keep it out of any log that prints a copy.
        @Override
        public String toString() {
            return "Copy[" + messageId + "]";
        }
    }
}
