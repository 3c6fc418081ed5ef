package io.newswire.feed.feed;

/**
 * Makes text safe to put in an XML 1.0 document. Article text comes from other systems and may
 * hold control characters or broken surrogates that XML 1.0 forbids even as character references;
 * one such character would make the whole feed unparseable for every reader.
 */
final class XmlText {

    private XmlText() {
    }

    /** The text without the characters XML 1.0 forbids; {@code null} stays {@code null}. */
    static String clean(String text) {
        if (text == null || text.codePoints().allMatch(XmlText::allowed)) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length());
        text.codePoints().filter(XmlText::allowed).forEach(cleaned::appendCodePoint);
        return cleaned.toString();
    }

    // The Char production of XML 1.0: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    // A lone surrogate arrives here as a code point in #xD800-#xDFFF and is dropped.
    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}
