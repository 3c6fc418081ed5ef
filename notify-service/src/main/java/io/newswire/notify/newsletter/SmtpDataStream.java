package io.newswire.notify.newsletter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A message's bytes as they go over SMTP after DATA, collected in one array: every line end made
 * CRLF (a lone CR or LF becomes CRLF), a dot at the start of a line doubled (RFC 5321, 4.5.2), and
 * {@link #end} adds the line end the last line lacks and the lone dot. The same bytes Angus Mail's
 * {@code SMTPOutputStream} writes, in one pass over arrays instead of a stream per byte, so a
 * pipelined transaction can hand the whole message to the socket in one write.
 *
 * <p>Reused for message after message by one connection; not thread-safe.
 */
final class SmtpDataStream extends OutputStream {

    private static final int NONE = -1;

    private byte[] buffer;
    private int count;
    // The last byte given (before any conversion); NONE at the start, which counts as a line start.
    private int last = NONE;

    SmtpDataStream(int capacity) {
        buffer = new byte[Math.max(capacity, 64)];
    }

    /** Starts the next message. */
    void reset() {
        count = 0;
        last = NONE;
    }

    @Override
    public void write(int b) {
        ensure(2);
        count = put(buffer, count, (byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        // At most two bytes out per byte in (a doubled dot, or a CR or LF made CRLF): room is made once.
        ensure(length * 2);
        byte[] to = buffer;
        int at = count;
        for (int i = offset, end = offset + length; i < end; i++) {
            at = put(to, at, bytes[i]);
        }
        count = at;
    }

    /** Puts one byte (and what it takes) at {@code at}; gives where the next goes. */
    private int put(byte[] to, int at, byte b) {
        int previous = last;
        if (b == '\r' || (b == '\n' && previous != '\r')) {
            to[at++] = '\r';
            to[at++] = '\n';
        }
        else if (b != '\n') {
            if (b == '.' && (previous == NONE || previous == '\r' || previous == '\n')) {
                to[at++] = '.';
            }
            to[at++] = b;
        }
        last = b & 0xff;
        return at;
    }

    /** Ends the message: a CRLF if the last line has none, then the lone dot that ends DATA. */
    void end() {
        ensure(5);
        if (last != NONE && last != '\r' && last != '\n') {
            buffer[count++] = '\r';
            buffer[count++] = '\n';
        }
        buffer[count++] = '.';
        buffer[count++] = '\r';
        buffer[count++] = '\n';
        last = '\n';
    }

    /** The bytes so far, in one write. */
    void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, count);
    }

    int size() {
        return count;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, count);
    }

    private void ensure(int more) {
        if (count + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
        }
    }
}
