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
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Date;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.WriteTimeoutSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

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
 *
 * <p>Where the configuration asks for a plain connection ({@link PlainServer}: no TLS, no login),
 * this class makes the socket and Angus Mail speaks over it; when the server advertises
 * PIPELINING, the copies of a bulk email go out on the same socket as pipelined transactions
 * ({@link SmtpPipeline}), and Angus Mail sends everything else, as it does on any other connection.
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
    // Null when the configuration asks for more than a plain connection (TLS, a login, ...).
    private final PlainServer plainServer;
    // Last in, first out: the connection used last is reused first, so a light load keeps few open.
    private final BlockingDeque<Connection> idle;
    // The pipelines of open connections, for the watchdog that times their writes.
    private final Set<SmtpPipeline> pipelines = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watchdog;
    private volatile boolean closed;

    /** One connection: for rendering, and for a sender that sends one email at a time. */
    SmtpMailChannel(JavaMailSenderImpl mailSender) {
        this(mailSender, 1);
    }

    /** @param connections SMTP connections kept open at most; as many emails can be in flight at once */
    SmtpMailChannel(JavaMailSenderImpl mailSender, int connections) {
        this.mailSender = mailSender;
        this.plainServer = PlainServer.of(mailSender);
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
     *
     * <p>Over a connection to a plain server (no TLS, no login: {@link PlainServer}) that advertises
     * PIPELINING, a copy goes out as one pipelined transaction ({@link SmtpPipeline}); otherwise,
     * and for an address that is not plain ASCII, Angus Mail sends it.
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
                String from = plainServer == null ? null : plainServer.envelopeFrom(merge);
                deliver(copy.messageId(), connection -> {
                    Transport transport = connection.open();
                    SmtpPipeline pipeline = connection.pipeline();
                    if (pipeline != null && from != null && SmtpPipeline.plainAddress(to.getAddress())) {
                        pipeline.send(from, to.getAddress(), out -> merge.write(copy, to, out), copy.messageId());
                    }
                    else {
                        transport.sendMessage(merge.message(session, copy, to), new Address[] {to});
                    }
                });
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
        deliver(messageId, connection -> {
            Address[] to = recipients.ready();
            connection.open().sendMessage(message, to);
        });
    }

    /** Runs one SMTP transaction over a pooled connection, and tells a refused recipient from a failed channel. */
    private void deliver(String messageId, Transaction transaction) {
        Connection connection = borrow(messageId);
        boolean healthy = false;
        try {
            transaction.run(connection);
            healthy = connection.inSync();
        }
        catch (RecipientRefusedException ex) {
            // From the pipeline, which reset the transaction (RSET), or found the connection unusable.
            healthy = connection.inSync();
            throw ex;
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
        catch (IOException ex) {
            // From the pipeline: no reply text and no address in it.
            throw new MailSendException("SMTP connection failed for " + messageId, ex);
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

    /** One SMTP transaction over a connection borrowed from the pool. */
    @FunctionalInterface
    private interface Transaction {
        void run(Connection connection) throws MessagingException, IOException;
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
        synchronized (this) {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
        }
    }

    /**
     * Times the pipeline's writes: a write that takes longer than {@code mail.smtp.writetimeout}
     * (the server stopped reading) has its socket closed, which fails the write, as Angus Mail's
     * timer does for its own. One thread looks every tenth of the timeout (a second at most late
     * with the 10 s configured), instead of a timer set and cancelled for every write.
     */
    private void watch(SmtpPipeline pipeline) {
        if (plainServer.writeTimeout() <= 0) {
            return;
        }
        pipelines.add(pipeline);
        synchronized (this) {
            if (watchdog == null && !closed) {
                long timeout = TimeUnit.MILLISECONDS.toNanos(plainServer.writeTimeout());
                long period = Math.max(100, plainServer.writeTimeout() / 10);
                CustomizableThreadFactory threads = new CustomizableThreadFactory("smtp-write-watchdog-");
                threads.setDaemon(true);
                watchdog = Executors.newSingleThreadScheduledExecutor(threads);
                watchdog.scheduleWithFixedDelay(() -> pipelines.stream()
                        .filter(watched -> watched.writingLongerThan(timeout))
                        .forEach(SmtpPipeline::abort), period, period, TimeUnit.MILLISECONDS);
            }
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
            connection.discard();
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

    /**
     * A server this class may connect to itself and pipeline to: the configuration asks for a plain
     * SMTP connection (protocol smtp, no login, no TLS) and sets nothing else that changes what
     * Angus Mail does on a connection or in a transaction. Where it asks for more (STARTTLS, SMTPS,
     * AUTH, DSN, BDAT, a socket factory, a proxy, ...), there is no PlainServer, and every email is
     * Angus Mail's to send, as configured.
     */
    private record PlainServer(String host, int port, int connectTimeout, int readTimeout, int writeTimeout,
            String configuredFrom) {

        // Properties that keep a connection plain; with any other mail.smtp.* one, Angus Mail does it all.
        private static final Set<String> PLAIN_PROPERTIES = Set.of("mail.smtp.host", "mail.smtp.port",
                "mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout", "mail.smtp.localhost",
                "mail.smtp.from", "mail.smtp.ehlo", "mail.smtp.quitwait");

        /** Null when the configuration is not that of a plain server. */
        static PlainServer of(JavaMailSenderImpl sender) {
            Session session = sender.getSession();
            Properties properties = session.getProperties();
            if (!"smtp".equals(protocol(sender, session)) || (sender.getUsername() != null && !sender.getUsername().isEmpty())
                    || Boolean.parseBoolean(properties.getProperty("mail.mime.allowutf8"))) {
                return null;
            }
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("mail.smtp.") && !PLAIN_PROPERTIES.contains(key)) {
                    return null;
                }
            }
            String from = properties.getProperty("mail.smtp.from");
            if (from != null && !SmtpPipeline.plainAddress(from)) {
                return null;
            }
            // Where and how Angus Mail would connect when given the same host and port (its SocketFetcher).
            String host = sender.getHost() != null ? sender.getHost()
                    : properties.getProperty("mail.smtp.host", properties.getProperty("mail.host", "localhost"));
            try {
                int port = sender.getPort() > 0 ? sender.getPort() : number(properties, "mail.smtp.port", 25);
                return new PlainServer(host, port, number(properties, "mail.smtp.connectiontimeout", -1),
                        number(properties, "mail.smtp.timeout", -1), number(properties, "mail.smtp.writetimeout", -1), from);
            }
            catch (NumberFormatException ex) {
                // Angus Mail's own reading of the property decides.
                return null;
            }
        }

        private static int number(Properties properties, String key, int otherwise) {
            String value = properties.getProperty(key);
            return value == null ? otherwise : Integer.parseInt(value.strip());
        }

        /** The envelope sender (MAIL FROM) of the merge's copies, as Angus Mail takes it; null when not plain. */
        String envelopeFrom(MimeMerge merge) {
            String from = configuredFrom != null ? configuredFrom : merge.from();
            return SmtpPipeline.plainAddress(from) ? from : null;
        }

        /**
         * A socket connected as Angus Mail connects its own (the same connect and read timeouts), with
         * Nagle's delay off: a pipelined transaction writes whole commands and messages, never bytes
         * better held back for more.
         */
        Socket connect() throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                if (readTimeout >= 0) {
                    socket.setSoTimeout(readTimeout);
                }
                InetSocketAddress address = new InetSocketAddress(host, port);
                if (connectTimeout >= 0) {
                    socket.connect(address, connectTimeout);
                }
                else {
                    socket.connect(address);
                }
                return socket;
            }
            catch (IOException ex) {
                socket.close();
                throw ex;
            }
        }

        /**
         * The socket Angus Mail speaks over: with a write timeout, wrapped as Angus Mail wraps its own
         * (a timer set per write, which its few writes can afford; the pipeline's many are timed by
         * the watchdog instead).
         */
        Socket forAngusMail(Socket socket) throws IOException {
            return writeTimeout > 0 ? new WriteTimeoutSocket(socket, writeTimeout) : socket;
        }
    }

    private static String protocol(JavaMailSenderImpl sender, Session session) {
        return sender.getProtocol() != null ? sender.getProtocol()
                : session.getProperty("mail.transport.protocol") != null
                        ? session.getProperty("mail.transport.protocol") : JavaMailSenderImpl.DEFAULT_PROTOCOL;
    }

    /** One reusable SMTP connection; used by one thread at a time (it is taken out of the idle queue). */
    private final class Connection {

        private Transport transport;
        // Set while the transport is open over a socket of this class's and the server advertised PIPELINING.
        private SmtpPipeline pipeline;
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
                Transport opened = session.getTransport(protocol(sender, session));
                if (plainServer != null && opened instanceof SMTPTransport smtp) {
                    pipeline = connect(smtp, plainServer);
                }
                else {
                    // As JavaMailSenderImpl: an empty user name or password means none.
                    String username = "".equals(sender.getUsername()) ? null : sender.getUsername();
                    String password = username == null && "".equals(sender.getPassword()) ? null : sender.getPassword();
                    opened.connect(sender.getHost(), sender.getPort(), username, password);
                }
                transport = opened;
            }
            return transport;
        }

        /**
         * Connects the transport over a socket made here, so that its transactions can be pipelined
         * on the same socket; the transport reads the greeting and says EHLO as always.
         *
         * @return the pipeline, or null when the server does not advertise PIPELINING
         */
        private SmtpPipeline connect(SMTPTransport smtp, PlainServer server) throws MessagingException {
            Socket socket;
            try {
                socket = server.connect();
            }
            catch (IOException ex) {
                throw new MessagingException("Could not connect to SMTP host " + server.host() + ", port " + server.port(), ex);
            }
            try {
                smtp.connect(server.forAngusMail(socket));
                if (!smtp.supportsExtension("PIPELINING")) {
                    return null;
                }
                SmtpPipeline opened = new SmtpPipeline(socket);
                watch(opened);
                return opened;
            }
            catch (MessagingException | IOException | RuntimeException ex) {
                try {
                    socket.close();
                    // Angus Mail's wrapper too (and its timer), if it got as far as connecting.
                    smtp.close();
                }
                catch (MessagingException | IOException closing) {
                    ex.addSuppressed(closing);
                }
                throw ex instanceof MessagingException messaging ? messaging
                        : new MessagingException("Could not start SMTP with " + server.host() + ", port " + server.port(), ex);
            }
        }

        /** The pipeline of the open connection, if its server pipelines. */
        SmtpPipeline pipeline() {
            return pipeline;
        }

        /** False when the pipeline found the connection unusable; it is closed instead of reused. */
        boolean inSync() {
            return pipeline == null || pipeline.inSync();
        }

        void checkBeforeNextUse() {
            check = true;
        }

        /** Asks the server (NOOP); false when the connection is gone. */
        boolean isOpen() {
            return transport != null && transport.isConnected();
        }

        /** Closes a connection that failed; a pipelined one is cut first, as its state is unknown (no QUIT waited for). */
        void discard() {
            if (pipeline != null) {
                pipeline.abort();
            }
            close();
        }

        void close() {
            if (pipeline != null) {
                pipelines.remove(pipeline);
                pipeline = null;
            }
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
