package io.newswire.notify.newsletter;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The SMTP adapter of {@link MailChannel}: renders an {@link Email} as a MIME message
 * ({@code multipart/alternative}, text then HTML, UTF-8, RFC 2047 headers) and sends it through
 * Spring's {@link JavaMailSender}. It tells a refused recipient apart from a failed channel,
 * and leaves what to do about either to the dispatcher.
 */
class SmtpMailChannel implements MailChannel {

    private static final String UTF_8 = "UTF-8";

    private final JavaMailSender mailSender;

    SmtpMailChannel(JavaMailSender mailSender) {
        this.mailSender = mailSender;
    }

    @Override
    public void send(Email email) {
        MimeMessage message = render(email);
        try {
            mailSender.send(message);
        }
        catch (MailSendException ex) {
            SendFailedException refusal = recipientRefusal(ex);
            if (refusal == null) {
                throw ex;
            }
            // No cause: the server's reply names the address, which must not reach a log.
            boolean permanent = hasAny(refusal.getInvalidAddresses());
            throw new RecipientRefusedException("SMTP server refused the recipient of " + email.messageId()
                    + (permanent ? " for good" : " for now"), permanent);
        }
    }

    MimeMessage render(Email email) {
        InternetAddress to;
        try {
            to = new InternetAddress(email.to(), true);
        }
        catch (AddressException ex) {
            throw new RecipientRefusedException("Recipient address of " + email.messageId() + " is not valid", true);
        }
        try {
            MimeMessage message = mailSender.createMimeMessage();
            Email.Sender sender = email.sender();
            message.setFrom(new InternetAddress(sender.address(), sender.name(), UTF_8));
            message.setReplyTo(new Address[] {new InternetAddress(sender.replyTo(), true)});
            message.setRecipient(Message.RecipientType.TO, to);
            // Encoded as RFC 2047 words when the headline is not plain ASCII.
            message.setSubject(email.subject(), UTF_8);
            // JavaMailSenderImpl keeps a Message-ID set before sending instead of generating a new one.
            message.setHeader("Message-ID", email.messageId());
            // Transactional mail (a signup confirmation) belongs to no list: no List-* headers at all.
            if (email.unsubscribe() != null) {
                message.setHeader("List-Id", MimeUtility.fold("List-Id: ".length(),
                        MimeUtility.encodeText(sender.name(), UTF_8, null) + " <" + sender.listId() + ">"));
                // One unfolded line (mailbox providers parse it strictly), and the RFC 8058 one-click marker.
                message.setHeader("List-Unsubscribe", "<" + email.unsubscribe() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            MimeMultipart alternatives = new MimeMultipart("alternative");
            // RFC 2046: alternatives go from the plainest to the richest; clients show the last they can.
            alternatives.addBodyPart(part(email.text(), "plain"));
            alternatives.addBodyPart(part(email.html(), "html"));
            message.setContent(alternatives);
            return message;
        }
        catch (MessagingException | UnsupportedEncodingException ex) {
            throw new IllegalStateException("Could not render " + email.messageId(), ex);
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        return part;
    }

    /**
     * JavaMail reports a refused recipient as a SendFailedException: among the invalid addresses
     * when the refusal is permanent (5xx to RCPT TO), among the valid but unsent ones when it is
     * temporary (4xx). A lost connection or a failed login is no SendFailedException at all.
     */
    private static SendFailedException recipientRefusal(MailSendException ex) {
        for (Exception failure : ex.getFailedMessages().values()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof SendFailedException refusal && (hasAny(refusal.getInvalidAddresses())
                        || hasAny(refusal.getValidUnsentAddresses()))) {
                    return refusal;
                }
            }
        }
        return null;
    }

    private static boolean hasAny(Address[] addresses) {
        return addresses != null && addresses.length > 0;
    }
}
