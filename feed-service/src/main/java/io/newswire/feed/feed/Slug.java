package io.newswire.feed.feed;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns a category, tag or author name into the path segment of its feeds.
 *
 * <p>Lower case; Latin letters folded to ASCII where they decompose ({@code é} to {@code e});
 * every run of characters that are neither letters nor digits becomes one {@code -}. Letters of
 * other scripts (Kazakh and Russian Cyrillic, Arabic, CJK) are kept as they are and
 * percent-encoded in URLs: dropping them would give every Kazakh or Russian category the same
 * empty slug, and transliteration has no single standard for Kazakh. A name with no letters or
 * digits at all (an emoji) has no feed of its own. Two names with the same slug share one feed.
 */
final class Slug {

    private Slug() {
    }

    /** The slug of {@code name}; empty when the name has no letter or digit. */
    static String of(String name) {
        if (name == null) {
            return "";
        }
        String lower = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder(lower.length());
        boolean dash = false;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            String kept = keep(c);
            if (kept.isEmpty()) {
                dash = slug.length() > 0;
                continue;
            }
            if (dash) {
                slug.append('-');
                dash = false;
            }
            slug.append(kept);
        }
        return slug.toString();
    }

    private static String keep(int c) {
        if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN && c > 0x7F) {
            // Only Latin is folded: NFD would also strip the breve from the Cyrillic й and make it и.
            String folded = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            return folded.codePoints().allMatch(Character::isLetterOrDigit) ? folded : "";
        }
        // Marks stay with their letters outside Latin: Arabic vowel signs, Devanagari matras.
        int type = Character.getType(c);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
        return Character.isLetterOrDigit(c) || mark ? new String(Character.toChars(c)) : "";
    }
}
