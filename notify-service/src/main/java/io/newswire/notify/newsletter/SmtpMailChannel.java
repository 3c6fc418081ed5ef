package io.newswire.notify.newsletter;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP adapter of {@link MailChannel}: renders an {@link Email} as a MIME message
 * ({@code multipart/alternative}, text then HTML, UTF-8, RFC 2047 headers) and sends it over one
 * of a fixed number of SMTP connections it keeps open and reuses (one connection per message
 * would cost a TCP and TLS handshake, a greeting and a login per email). It tells a refused
 * recipient apart from a failed channel, and leaves what to do about either to the dispatcher.
 *
 * <p>The connections are made with the session, host, port and credentials of Spring's
 * {@link JavaMailSenderImpl} ({@code spring.mail.*}). A connection is opened when first needed,
 * checked after a refusal or a quiet spell, and closed and replaced after any other failure.
 */
class SmtpMailChannel implements MailChannel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailChannel.class);
    private static final String UTF_8 = "UTF-8";
    // A server may drop a connection that stayed quiet; one unused this long is checked (NOOP) first.
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);
    // Longer than any send takes with the SMTP timeouts of application.yaml.
    private static final long BORROW_TIMEOUT_SECONDS = 60;

    static {
        pinStreamProvider();
    }

    private final JavaMailSenderImpl mailSender;
    // Last in, first out: the connection used last is reused first, so a light load keeps few open.
    private final BlockingDeque<Connection> idle;
    private volatile boolean closed;

    /** One connection: for rendering, and for a sender that sends one email at a time. */
    SmtpMailChannel(JavaMailSenderImpl mailSender) {
        this(mailSender, 1);
    }

    /** @param connections SMTP connections kept open at most; as many emails can be in flight at once */
    SmtpMailChannel(JavaMailSenderImpl mailSender, int connections) {
        this.mailSender = mailSender;
        this.idle = new LinkedBlockingDeque<>(connections);
        for (int i = 0; i < connections; i++) {
            idle.add(new Connection());
        }
    }

    @Override
    public void send(Email email) {
        MimeMessage message = render(email);
        deliver(message, () -> {
            prepare(message);
            return message.getAllRecipients();
        }, email.messageId());
    }

    /**
     * The copies share one MIME message, written once when the first copy is sent; each copy is
     * those bytes with its own recipient, Message-ID, links and Date filled in, handed to the
     * connection as they are ({@link MimeMerge}). Where that cannot give the bytes Jakarta Mail
     * would write (8BITMIME or UTF-8 headers enabled), each copy is rendered as its own email.
     */
    @Override
    public Merge merge(BulkEmail email) {
        Session session = mailSender.getSession();
        if (Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"))
                || Boolean.parseBoolean(session.getProperty("mail.smtp.allow8bitmime"))) {
            return MailChannel.super.merge(email);
        }
        return new Merge() {

            private volatile MimeMerge prepared;

            @Override
            public void send(BulkEmail.Copy copy) {
                InternetAddress to = recipient(copy.to(), copy.messageId());
                MimeMerge merge = prepared(copy);
                MimeMessage message = merge.message(session, copy, to);
                deliver(message, () -> new Address[] {to}, copy.messageId());
            }

            private MimeMerge prepared(BulkEmail.Copy first) {
                MimeMerge merge = prepared;
                if (merge == null) {
                    synchronized (this) {
                        merge = prepared;
                        if (merge == null) {
                            // The first copy's bodies decide the transfer encodings; the copies differ
                            // only in links of the same shape, so they would all decide alike.
                            prepared = merge = MimeMerge.prepare(SmtpMailChannel.this, email, first);
                        }
                    }
                }
                return merge;
            }
        };
    }

    /** Sends a message over a pooled connection; {@code recipients} also readies the message (it may fail). */
    private void deliver(MimeMessage message, Recipients recipients, String messageId) {
        Connection connection = borrow(messageId);
        boolean healthy = false;
        try {
            Address[] to = recipients.ready();
            connection.open().sendMessage(message, to);
            healthy = true;
        }
        catch (SendFailedException ex) {
            boolean permanent = hasAny(ex.getInvalidAddresses());
            // JavaMail also reports a connection lost before the server answered the message (no
            // reply at all) as valid-unsent addresses; only a live connection heard a "try later".
            if (!permanent && !(hasAny(ex.getValidUnsentAddresses()) && connection.isOpen())) {
                throw channelFailure(messageId, ex);
            }
            // The transport reset the SMTP transaction (RSET) and the connection goes on; it closed
            // itself if that failed, which the check before its next use finds.
            healthy = true;
            connection.checkBeforeNextUse();
            // No cause: the server's reply names the address, which must not reach a log.
            throw new RecipientRefusedException("SMTP server refused the recipient of " + messageId
                    + (permanent ? " for good" : " for now"), permanent);
        }
        catch (MessagingException ex) {
            throw channelFailure(messageId, ex);
        }
        finally {
            release(connection, healthy);
        }
    }

    /** Readies a message for sending and gives its envelope recipients. */
    @FunctionalInterface
    private interface Recipients {
        Address[] ready() throws MessagingException;
    }

    private static InternetAddress recipient(String address, String messageId) {
        try {
            return new InternetAddress(address, true);
        }
        catch (AddressException ex) {
            throw new RecipientRefusedException("Recipient address of " + messageId + " is not valid", true);
        }
    }

    MimeMessage render(Email email) {
        return render(email, null, null);
    }

    /**
     * @param textEncoding the text part's Content-Transfer-Encoding; null lets Jakarta Mail choose it from the body
     * @param htmlEncoding the same for the HTML part
     */
    MimeMessage render(Email email, String textEncoding, String htmlEncoding) {
        InternetAddress to = recipient(email.to(), email.messageId());
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
            alternatives.addBodyPart(part(email.text(), "plain", textEncoding));
            alternatives.addBodyPart(part(email.html(), "html", htmlEncoding));
            message.setContent(alternatives);
            return message;
        }
        catch (MessagingException | UnsupportedEncodingException ex) {
            throw new IllegalStateException("Could not render " + email.messageId(), ex);
        }
    }

    /** Closes every connection; one in use is closed when its email is done. */
    @Override
    public void close() {
        synchronized (this) {
            // From here on a connection given back is closed, not kept.
            closed = true;
        }
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }

    private static MimeBodyPart part(String content, String subtype, String encoding) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        if (encoding != null) {
            // Kept by saveChanges(), which only chooses an encoding for a part that has none.
            part.setHeader("Content-Transfer-Encoding", encoding);
        }
        return part;
    }

    /**
     * What JavaMailSenderImpl does before sending, done here as the message goes over a pooled
     * connection: a Date header, and the Message-ID set in render() kept through saveChanges().
     */
    static void prepare(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
    }

    private Connection borrow(String messageId) {
        if (closed) {
            throw new MailSendException("SMTP channel closed; " + messageId + " not sent");
        }
        try {
            Connection connection = idle.pollFirst(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (connection == null) {
                throw new MailSendException("No SMTP connection free for " + messageId);
            }
            return connection;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MailSendException("Interrupted waiting for an SMTP connection for " + messageId, ex);
        }
    }

    private void release(Connection connection, boolean healthy) {
        if (!healthy) {
            connection.close();
        }
        synchronized (this) {
            if (!closed) {
                idle.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    /**
     * The connection or the server failed: the same email may succeed later. A reply the server
     * sent (SendFailedException) may quote the address, so only its class is kept, never its text.
     */
    private static MailSendException channelFailure(String messageId, MessagingException ex) {
        return ex instanceof SendFailedException
                ? new MailSendException("SMTP server failed " + messageId + " (" + ex.getClass().getSimpleName() + ")")
                : new MailSendException("SMTP connection failed for " + messageId, ex);
    }

    /**
     * Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader (a scan of every jar) each
     * time a body part or multipart is made or written: four times per email, a third of the CPU
     * of a large fan-out (bench/README-newsletter.md). Its lookup takes the class named by the
     * system property first, so the provider found once is named there, unless set already.
     */
    private static void pinStreamProvider() {
        String key = StreamProvider.class.getName();
        if (System.getProperty(key) == null) {
            ServiceLoader.load(StreamProvider.class, SmtpMailChannel.class.getClassLoader()).findFirst()
                    .ifPresent(provider -> System.setProperty(key, provider.getClass().getName()));
        }
    }

    private static boolean hasAny(Address[] addresses) {
        return addresses != null && addresses.length > 0;
    }

    /** One reusable SMTP connection; used by one thread at a time (it is taken out of the idle queue). */
    private final class Connection {

        private Transport transport;
        private boolean check;
        private long lastUsed;

        Transport open() throws MessagingException {
            long now = System.nanoTime();
            if (transport != null && (check || now - lastUsed > QUIET_NANOS) && !transport.isConnected()) {
                close();
            }
            check = false;
            lastUsed = now;
            if (transport == null) {
                JavaMailSenderImpl sender = mailSender;
                Session session = sender.getSession();
                String protocol = sender.getProtocol() != null ? sender.getProtocol()
                        : session.getProperty("mail.transport.protocol") != null
                                ? session.getProperty("mail.transport.protocol") : JavaMailSenderImpl.DEFAULT_PROTOCOL;
                Transport opened = session.getTransport(protocol);
                // As JavaMailSenderImpl: an empty user name or password means none.
                String username = "".equals(sender.getUsername()) ? null : sender.getUsername();
                String password = username == null && "".equals(sender.getPassword()) ? null : sender.getPassword();
                opened.connect(sender.getHost(), sender.getPort(), username, password);
                transport = opened;
            }
            return transport;
        }

        void checkBeforeNextUse() {
            check = true;
        }

        /** Asks the server (NOOP); false when the connection is gone. */
        boolean isOpen() {
            return transport != null && transport.isConnected();
        }

        void close() {
            if (transport == null) {
                return;
            }
            try {
                transport.close();
            }
            catch (MessagingException ex) {
                log.debug("Closing an SMTP connection failed", ex);
            }
            transport = null;
        }
    }
}
