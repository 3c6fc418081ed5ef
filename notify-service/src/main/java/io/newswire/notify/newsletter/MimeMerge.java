package io.newswire.notify.newsletter;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The MIME message of a {@link BulkEmail}, written once by Jakarta Mail (through
 * {@link SmtpMailChannel#render}) with marks where the copies differ, and kept as the bytes
 * between the marks. A copy is those bytes with its own To, Message-ID, List-Unsubscribe and Date
 * headers and its own two bodies (the marks in them filled, then encoded as the part's
 * Content-Transfer-Encoding says), which is what Jakarta Mail would have written for the copy on
 * its own, but costs a few array copies instead of building, saving and writing a multipart
 * message. The multipart boundary is the one of the first rendering, for every copy. On a
 * pipelined connection a copy is written ({@link #write}) straight into the connection's buffer.
 *
 * <p>Thread-safe once made: copies are written from every sending thread.
 */
final class MimeMerge {

    // As SMTPTransport writes a message: without these headers.
    private static final String[] IGNORED_HEADERS = {"Bcc", "Content-Length"};
    private static final String NONCE = UUID.randomUUID().toString().replace("-", "");
    private static final String TO_MARK = "to-" + NONCE + "@marks.invalid";
    private static final String MESSAGE_ID_MARK = "<id-" + NONCE + "@marks.invalid>";
    private static final String UNSUBSCRIBE_MARK = "https://marks.invalid/unsubscribe-" + NONCE;
    private static final String DATE_MARK = "date-" + NONCE;
    private static final String TEXT_MARK = "text-" + NONCE;
    private static final String HTML_MARK = "html-" + NONCE;
    private static final MailDateFormat DATE_FORMAT = new MailDateFormat();
    private static volatile DateLine date = new DateLine(-1, null);

    private enum Slot {
        TO, MESSAGE_ID, UNSUBSCRIBE, DATE, TEXT, HTML
    }

    private final List<byte[]> literals;
    private final List<Slot> slots;
    private final Body text;
    private final Body html;
    private final Address[] from;
    private final int size;

    private MimeMerge(List<byte[]> literals, List<Slot> slots, Body text, Body html, Address[] from, int size) {
        this.literals = literals;
        this.slots = slots;
        this.text = text;
        this.html = html;
        this.from = from;
        this.size = size;
    }

    /**
     * Writes the bulk email's message once. The transfer encodings of the two bodies are chosen
     * from {@code sample}'s bodies, as Jakarta Mail would choose them for that copy.
     */
    static MimeMerge prepare(SmtpMailChannel channel, BulkEmail bulk, BulkEmail.Copy sample) {
        try {
            Email filled = bulk.email(sample);
            String textEncoding = MimeUtility.getEncoding(new DataHandler(filled.text(), "text/plain; charset=UTF-8"));
            String htmlEncoding = MimeUtility.getEncoding(new DataHandler(filled.html(), "text/html; charset=UTF-8"));
            Email marked = new Email(MESSAGE_ID_MARK, bulk.sender(), TO_MARK, bulk.subject(), TEXT_MARK, HTML_MARK,
                    URI.create(UNSUBSCRIBE_MARK));
            MimeMessage message = channel.render(marked, textEncoding, htmlEncoding);
            SmtpMailChannel.prepare(message);
            message.setHeader("Date", DATE_MARK);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out, IGNORED_HEADERS);
            byte[] bytes = out.toByteArray();
            // The bodies' marks are in the message as their encoders wrote them (base64 changes them).
            Map<Slot, String> marks = new EnumMap<>(Slot.class);
            marks.put(Slot.TO, TO_MARK);
            marks.put(Slot.MESSAGE_ID, MESSAGE_ID_MARK);
            marks.put(Slot.UNSUBSCRIBE, UNSUBSCRIBE_MARK);
            marks.put(Slot.DATE, DATE_MARK);
            marks.put(Slot.TEXT, encoded(TEXT_MARK, textEncoding));
            marks.put(Slot.HTML, encoded(HTML_MARK, htmlEncoding));
            // Every mark is ASCII, so a character index in the Latin-1 view is a byte index.
            String view = new String(bytes, StandardCharsets.ISO_8859_1);
            List<byte[]> literals = new ArrayList<>();
            List<Slot> slots = new ArrayList<>();
            int at = 0;
            while (true) {
                int next = -1;
                Slot slot = null;
                for (Map.Entry<Slot, String> mark : marks.entrySet()) {
                    int found = view.indexOf(mark.getValue(), at);
                    if (found >= 0 && (next < 0 || found < next)) {
                        next = found;
                        slot = mark.getKey();
                    }
                }
                if (slot == null) {
                    break;
                }
                literals.add(Arrays.copyOfRange(bytes, at, next));
                slots.add(slot);
                at = next + marks.get(slot).length();
            }
            literals.add(Arrays.copyOfRange(bytes, at, bytes.length));
            if (slots.size() != Slot.values().length || slots.stream().distinct().count() != slots.size()) {
                throw new IllegalStateException("Marks of " + sample.messageId() + " not found once each: " + slots);
            }
            return new MimeMerge(List.copyOf(literals), List.copyOf(slots), new Body(bulk.text(), bulk.marks(), textEncoding),
                    new Body(bulk.html(), bulk.marks(), htmlEncoding), message.getFrom(), bytes.length + 512);
        }
        catch (MessagingException | IOException ex) {
            throw new IllegalStateException("Could not prepare the message of " + sample.messageId(), ex);
        }
    }

    /** The message of one copy, ready to send: the prepared bytes with the copy's own parts. */
    MimeMessage message(Session session, BulkEmail.Copy copy, InternetAddress to) {
        return new Copy(session, from, bytes(copy, to));
    }

    /** The copy as it goes over the wire, before the SMTP dot-stuffing. */
    ByteArrayOutputStream bytes(BulkEmail.Copy copy, InternetAddress to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            write(copy, to, out);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not write " + copy.messageId(), ex);
        }
        return out;
    }

    /** Writes the copy as it goes over the wire, before the SMTP dot-stuffing; only {@code out} may fail. */
    void write(BulkEmail.Copy copy, InternetAddress to, OutputStream out) throws IOException {
        for (int i = 0; i < slots.size(); i++) {
            out.write(literals.get(i));
            switch (slots.get(i)) {
                // As MimeMessage.setRecipient writes the header (folded after "To: ").
                case TO -> out.write(ascii(InternetAddress.toString(new Address[] {to}, "To: ".length())));
                case MESSAGE_ID -> out.write(ascii(copy.messageId()));
                case UNSUBSCRIBE -> out.write(ascii(copy.unsubscribe().toString()));
                case DATE -> out.write(dateNow());
                case TEXT -> text.write(out, copy.text(), copy.messageId());
                case HTML -> html.write(out, copy.html(), copy.messageId());
            }
        }
        out.write(literals.get(slots.size()));
    }

    /** The envelope sender of every copy when {@code mail.smtp.from} is not set: the From address. */
    String from() {
        return ((InternetAddress) from[0]).getAddress();
    }

    /** A body's mark as the part's encoder writes it, as the only content of the part. */
    private static String encoded(String mark, String encoding) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream encoder = MimeUtility.encode(out, encoding);
        encoder.write(ascii(mark));
        encoder.flush();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    // Headers go out as Jakarta Mail writes them without mail.mime.allowutf8: a char to a byte.
    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Date header as MimeMessage.setSentDate writes it, formatted once a second at most. */
    private static byte[] dateNow() {
        long second = System.currentTimeMillis() / 1000;
        DateLine line = date;
        if (line.second() != second) {
            String formatted;
            synchronized (DATE_FORMAT) {
                formatted = DATE_FORMAT.format(new Date(second * 1000));
            }
            line = new DateLine(second, ascii(formatted));
            date = line;
        }
        return line.bytes();
    }

    private record DateLine(long second, byte[] bytes) {
    }

    /** One body: its text cut at the marks, and its transfer encoding. */
    private static final class Body {

        private final List<String> literals = new ArrayList<>();
        private final List<Integer> marks = new ArrayList<>();
        private final String encoding;
        private final boolean raw;
        private final int length;

        Body(String template, List<String> markNames, String encoding) {
            int at = 0;
            while (true) {
                int next = -1;
                int mark = -1;
                for (int i = 0; i < markNames.size(); i++) {
                    int found = template.indexOf(markNames.get(i), at);
                    if (found >= 0 && (next < 0 || found < next)) {
                        next = found;
                        mark = i;
                    }
                }
                if (mark < 0) {
                    break;
                }
                literals.add(template.substring(at, next));
                marks.add(mark);
                at = next + markNames.get(mark).length();
            }
            literals.add(template.substring(at));
            this.encoding = encoding;
            // 7bit and 8bit bodies go out as their bytes (the SMTP stream makes line ends CRLF).
            this.raw = encoding.equalsIgnoreCase("7bit") || encoding.equalsIgnoreCase("8bit")
                    || encoding.equalsIgnoreCase("binary");
            this.length = template.length() + 256;
        }

        /** As MimeBodyPart.writeTo writes a text part's content: its UTF-8 bytes through the part's encoder. */
        void write(OutputStream out, List<String> values, String messageId) throws IOException {
            StringBuilder filled = new StringBuilder(length);
            for (int i = 0; i < marks.size(); i++) {
                filled.append(literals.get(i)).append(values.get(marks.get(i)));
            }
            byte[] bytes = filled.append(literals.get(marks.size())).toString().getBytes(StandardCharsets.UTF_8);
            if (raw) {
                out.write(bytes);
                return;
            }
            OutputStream encoder;
            try {
                encoder = MimeUtility.encode(out, encoding);
            }
            catch (MessagingException ex) {
                // The encoding was Jakarta Mail's own choice when the merge was prepared.
                throw new IllegalStateException("Could not encode a body of " + messageId, ex);
            }
            encoder.write(bytes);
            encoder.flush();
        }
    }

    /** A message whose bytes are written already: sending it writes them as they are. */
    private static final class Copy extends MimeMessage {

        private final Address[] from;
        private final ByteArrayOutputStream bytes;

        Copy(Session session, Address[] from, ByteArrayOutputStream bytes) {
            super(session);
            this.from = from;
            this.bytes = bytes;
        }

        // The SMTP envelope's sender (MAIL FROM) when mail.smtp.from is not set.
        @Override
        public Address[] getFrom() {
            return from.clone();
        }

        @Override
        public int getSize() {
            return bytes.size();
        }

        @Override
        public void saveChanges() {
            // Nothing to update: the headers are in the bytes.
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            bytes.writeTo(os);
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            bytes.writeTo(os);
        }
    }
}
