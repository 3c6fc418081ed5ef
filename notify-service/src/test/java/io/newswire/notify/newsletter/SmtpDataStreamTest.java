package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytes after DATA: the same as Angus Mail's SMTP stream writes them (CRLF line ends, leading
 * dots doubled, the last line ended, then the lone dot), however the message is cut into writes.
 */
class SmtpDataStreamTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Subject: plain\r\n\r\nOne line.\r\n",
            "no line end at the end",
            ".a dot first\r\n",
            "a lone dot\r\n.\r\nmust not end the message\r\n",
            "dots\n.after LF\r.after CR\r\n..two\r\n...three\n",
            "bare LF\nbare CR\rCRLF\r\nLF CR\n\rCR CR\r\rend",
            "\r\n\r\n",
            "",
            ".",
            "ends with CR\r",
            "UTF-8 bytes: Жаңалықтар — «news»\n.Жаңа\n"})
    void bytesAreTheOnesAngusMailWrites(String message) throws IOException {
        byte[] input = message.getBytes(StandardCharsets.UTF_8);
        byte[] expected = angus(input);

        assertThat(ours(input, input.length)).as("in one write").isEqualTo(expected);
        assertThat(ours(input, 1)).as("byte by byte").isEqualTo(expected);
        Random random = new Random(input.length);
        for (int round = 0; round < 20; round++) {
            assertThat(ours(input, 1 + random.nextInt(4))).as("in writes of a few bytes").isEqualTo(expected);
        }
        assertThat(new String(expected, StandardCharsets.UTF_8)).endsWith(input.length == 0 ? ".\r\n" : "\r\n.\r\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 10_000})
    void messagesOfAnySizeAreKeptWhole(int lines) throws IOException {
        byte[] input = ".line\n".repeat(lines).getBytes(StandardCharsets.US_ASCII);
        SmtpDataStream data = new SmtpDataStream(16);

        data.write(input, 0, input.length);
        data.end();

        assertThat(data.toByteArray()).isEqualTo(angus(input));
        assertThat(data.size()).isEqualTo(lines * "..line\r\n".length() + ".\r\n".length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"first\n.second", ".only"})
    void aResetStreamStartsTheNextMessageAfresh(String message) throws IOException {
        byte[] input = message.getBytes(StandardCharsets.US_ASCII);
        SmtpDataStream data = new SmtpDataStream(64);
        data.write("left over without a line end".getBytes(StandardCharsets.US_ASCII));
        data.end();

        data.reset();
        data.write(input);
        data.end();

        assertThat(data.toByteArray()).isEqualTo(angus(input));
    }

    /** What Angus Mail's SMTPTransport sends after DATA: the message through its SMTP stream, then the dot. */
    private static byte[] angus(byte[] message) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SMTPOutputStream smtp = new SMTPOutputStream(wire);
        smtp.write(message, 0, message.length);
        smtp.ensureAtBOL();
        smtp.flush();
        wire.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return wire.toByteArray();
    }

    private static byte[] ours(byte[] message, int chunk) {
        SmtpDataStream data = new SmtpDataStream(8);
        for (int at = 0; at < message.length; at += chunk) {
            int length = Math.min(chunk, message.length - at);
            if (length == 1) {
                data.write(message[at]);
            }
            else {
                data.write(message, at, length);
            }
        }
        data.end();
        return data.toByteArray();
    }
}
