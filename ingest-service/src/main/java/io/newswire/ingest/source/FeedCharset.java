package io.newswire.ingest.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how a feed body's bytes become characters: a byte-order mark first, then the XML
 * prolog's {@code encoding}, then the {@code charset} of the Content-Type header, then UTF-8.
 *
 * <p>The prolog outranks the header (unlike RFC 7303) because feeds are far more often served
 * with a wrong server-wide charset than written with a wrong prolog.
 */
final class FeedCharset {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private static final Pattern PROLOG_ENCODING =
            Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern HEADER_CHARSET =
            Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)\"?");

    private FeedCharset() {
    }

    /** The body as text, without its byte-order mark; undecodable bytes become U+FFFD. */
    static String decode(byte[] body, String contentType) {
        Bom bom = bom(body);
        Charset charset = bom != null ? bom.charset : detect(body, contentType);
        int offset = bom != null ? bom.length : 0;
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body, offset, body.length - offset));
            String text = chars.toString();
            // Some tools write a mark in the prolog's charset after converting from another one.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
        catch (CharacterCodingException ex) {
            throw new IllegalStateException("a replacing decoder does not throw", ex);
        }
    }

    /** The charset {@link #decode} uses for this body and header. */
    static Charset detect(byte[] body, String contentType) {
        Bom bom = bom(body);
        if (bom != null) {
            return bom.charset;
        }
        // "<?" in UTF-16 without a mark: the prolog itself is unreadable as ASCII.
        if (startsWith(body, 0x00, 0x3C, 0x00, 0x3F)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(body, 0x3C, 0x00, 0x3F, 0x00)) {
            return StandardCharsets.UTF_16LE;
        }
        Charset declared = prologEncoding(body);
        if (declared != null) {
            return declared;
        }
        Charset fromHeader = headerCharset(contentType);
        return fromHeader != null ? fromHeader : StandardCharsets.UTF_8;
    }

    static Charset headerCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher charset = HEADER_CHARSET.matcher(contentType);
        return charset.find() ? charsetOrNull(charset.group(1)) : null;
    }

    private static Charset prologEncoding(byte[] body) {
        int end = Math.min(body.length, 512);
        String head = new String(body, 0, end, StandardCharsets.ISO_8859_1);
        Matcher encoding = PROLOG_ENCODING.matcher(head.stripLeading());
        if (!encoding.find()) {
            return null;
        }
        Charset charset = charsetOrNull(encoding.group(1));
        if (charset == null) {
            return null;
        }
        // We just read the prolog as single bytes, so a 16- or 32-bit encoding there is a lie.
        String name = charset.name().toUpperCase(Locale.ROOT);
        return name.startsWith("UTF-16") || name.startsWith("UTF-32") ? null : charset;
    }

    private static Charset charsetOrNull(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static Bom bom(byte[] body) {
        if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
            return new Bom(UTF_32BE, 4);
        }
        if (startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
            return new Bom(UTF_32LE, 4);
        }
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            return new Bom(StandardCharsets.UTF_8, 3);
        }
        if (startsWith(body, 0xFE, 0xFF)) {
            return new Bom(StandardCharsets.UTF_16BE, 2);
        }
        if (startsWith(body, 0xFF, 0xFE)) {
            return new Bom(StandardCharsets.UTF_16LE, 2);
        }
        return null;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private record Bom(Charset charset, int length) {
    }
}
