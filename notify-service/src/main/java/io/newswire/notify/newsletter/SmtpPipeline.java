package io.newswire.notify.newsletter;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * SMTP transactions with command pipelining (RFC 2920) on a connection whose server advertised
 * PIPELINING: MAIL FROM, RCPT TO and DATA go out in one write and their three replies are read
 * after, then the message (CRLF line ends and dot-stuffing done once, on its bytes:
 * {@link SmtpDataStream}) and the ending dot in one more write. Two round trips per email instead
 * of Angus Mail's four (it waits for each command's reply before it sends the next).
 *
 * <p>Only the transactions are done here. The connection is Angus Mail's {@code SMTPTransport}'s,
 * made over the same socket: it reads the greeting, says EHLO, checks a quiet connection (NOOP) and
 * says QUIT, and sends whatever is not sent here. The two take turns: each speaks only between
 * whole exchanges, when neither has a reply unread ({@link #inSync}), so neither reads what the
 * other asked for.
 *
 * <p>A recipient refused is reported as Angus Mail's path reports it to {@link SmtpMailChannel}:
 * a 5xx to RCPT TO (but 552) for good; a 4xx, a 552, a refused DATA, or a message refused after its
 * dot for now. A refused MAIL FROM, a reply that is not SMTP, or a lost connection is an
 * {@link IOException}: the channel failed. No exception carries a reply's text or an address.
 *
 * <p>Used by one thread at a time, as the pooled connection it belongs to; only
 * {@link #writingLongerThan} and {@link #abort} are for another thread.
 */
final class SmtpPipeline {

    private static final byte[] RSET = ascii("RSET\r\n");
    private static final byte[] DOT = ascii(".\r\n");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    // When the write in progress started (System.nanoTime(), never 0), or 0: read by the channel's watchdog.
    private volatile long writing;
    private final byte[] replies = new byte[1024];
    private int replyStart;
    private int replyEnd;
    // Grows to the largest message sent and stays: one buffer per connection, reused.
    private final SmtpDataStream data = new SmtpDataStream(8192);
    private final StringBuilder commands = new StringBuilder(128);
    private boolean broken;

    /** Writes a message's bytes, before dot-stuffing: as {@code MimeMessage.writeTo} would. */
    @FunctionalInterface
    interface Message {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param socket the connection's own socket, under any wrapper Angus Mail was given: its writes
     *               are timed by {@link #writingLongerThan} instead of a timer set per write
     */
    SmtpPipeline(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * True when {@code address} can go into MAIL FROM or RCPT TO as it is: printable ASCII with
     * no space and no angle bracket. Anything else (an internationalised address, a quoted local
     * part) is left to Angus Mail.
     */
    static boolean plainAddress(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends one message to one recipient and returns once the server accepted it (250 after the dot).
     *
     * @param from      the envelope sender, a {@link #plainAddress}
     * @param to        the envelope recipient, a {@link #plainAddress}
     * @param messageId names the email in exceptions, never the address
     * @throws RecipientRefusedException when the server refused the recipient or the message; the
     *                                   transaction is reset and the connection goes on
     * @throws IOException               when the connection or the server failed
     */
    void send(String from, String to, Message message, String messageId) throws IOException {
        commands.setLength(0);
        commands.append("MAIL FROM:<").append(from).append(">\r\nRCPT TO:<").append(to).append(">\r\nDATA\r\n");
        write(ascii(commands));
        int mailReply = readReply();
        int rcptReply = readReply();
        int dataReply = readReply();
        if (mailReply != 250) {
            abandonData(dataReply);
            throw new IOException("SMTP server answered MAIL FROM with " + mailReply);
        }
        Recipient recipient = Recipient.answered(rcptReply);
        if (recipient != Recipient.ACCEPTED) {
            // RFC 2920, 3.1: a server may accept DATA although no recipient was; the empty message ends it.
            abandonData(dataReply);
            throw refused(messageId, recipient == Recipient.REFUSED_FOR_GOOD);
        }
        if (dataReply != 354) {
            // The recipient was accepted and the message not taken: for now, as Angus Mail reports it.
            throw refused(messageId, false);
        }
        data.reset();
        message.writeTo(data);
        data.end();
        write(data);
        int endReply = readReply();
        if (endReply != 250) {
            if (endReply < 400 || endReply > 599) {
                throw new IOException("SMTP server answered the end of the message with " + endReply);
            }
            // The transaction is over, with the message refused: for now, as Angus Mail reports it.
            throw new RecipientRefusedException("SMTP server refused the recipient of " + messageId + " for now", false);
        }
    }

    /**
     * True while a write has been going on for longer than {@code nanos}: the server stopped
     * reading. Asked by another thread, which then {@link #abort}s.
     */
    boolean writingLongerThan(long nanos) {
        long since = writing;
        return since != 0 && System.nanoTime() - since > nanos;
    }

    /** Closes the socket, from another thread: a write blocked on it fails, and with it the transaction. */
    void abort() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Closed anyway.
        }
    }

    /**
     * True when nothing was read ahead of what was asked and the connection is usable: Angus Mail
     * may speak on it next. False after a server said more than it was asked (or a reset failed),
     * when the connection must be closed instead.
     */
    boolean inSync() {
        return !broken && replyStart == replyEnd;
    }

    /** A recipient refused: the transaction reset (RSET) for the next one, or the connection marked broken. */
    private RecipientRefusedException refused(String messageId, boolean permanent) {
        try {
            write(RSET);
            if (readReply() != 250) {
                broken = true;
            }
        }
        catch (IOException ex) {
            broken = true;
        }
        // No cause: the server's reply names the address, which must not reach a log.
        return new RecipientRefusedException("SMTP server refused the recipient of " + messageId
                + (permanent ? " for good" : " for now"), permanent);
    }

    /** When DATA was accepted although the transaction is failing: an empty message, whose reply does not matter. */
    private void abandonData(int dataReply) throws IOException {
        if (dataReply == 354) {
            write(DOT);
            readReply();
        }
    }

    /** What a reply to RCPT TO means, as Angus Mail's SMTPTransport reads it. */
    private enum Recipient {
        ACCEPTED, REFUSED_FOR_NOW, REFUSED_FOR_GOOD;

        /** 2xx accepted; 4xx, and 552 (storage exceeded), for now; any other 5xx for good. */
        static Recipient answered(int reply) throws IOException {
            if (reply >= 200 && reply <= 299) {
                return ACCEPTED;
            }
            if (reply == 552 || (reply >= 400 && reply <= 499)) {
                return REFUSED_FOR_NOW;
            }
            if (reply >= 500 && reply <= 599) {
                return REFUSED_FOR_GOOD;
            }
            throw new IOException("SMTP server answered RCPT TO with " + reply);
        }
    }

    /** Reads one reply, every line of it, and gives its code; the text is skipped, as it may name the address. */
    private int readReply() throws IOException {
        while (true) {
            int code = 0;
            for (int i = 0; i < 3; i++) {
                int digit = next();
                if (digit < '0' || digit > '9') {
                    throw new IOException("SMTP server sent a line that is not a reply");
                }
                code = code * 10 + digit - '0';
            }
            int separator = next();
            // "250-..." is followed by more lines of the same reply; "250 ..." or "250" ends it.
            boolean more = separator == '-';
            for (int b = separator; b != '\n'; b = next()) {
                // The rest of the line.
            }
            if (!more) {
                return code;
            }
        }
    }

    private void write(byte[] bytes) throws IOException {
        writing = System.nanoTime() | 1;
        try {
            out.write(bytes);
            out.flush();
        }
        finally {
            writing = 0;
        }
    }

    private void write(SmtpDataStream bytes) throws IOException {
        writing = System.nanoTime() | 1;
        try {
            bytes.writeTo(out);
            out.flush();
        }
        finally {
            writing = 0;
        }
    }

    private int next() throws IOException {
        if (replyStart == replyEnd) {
            int read = in.read(replies);
            if (read < 0) {
                throw new EOFException("SMTP server closed the connection");
            }
            replyStart = 0;
            replyEnd = read;
        }
        return replies[replyStart++] & 0xff;
    }

    private static byte[] ascii(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
