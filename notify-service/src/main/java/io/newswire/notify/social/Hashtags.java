package io.newswire.notify.social;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hashtags from a story's free tags, written the way every network links them: letters, marks and
 * digits only (any script, so Kazakh #Астана stays), a tag of several words CamelCased so it
 * stays readable ("climate change" → ClimateChange), at least one non-digit (#2024 links nowhere),
 * no repeats ignoring case (hashtags are case-insensitive on every network).
 */
final class Hashtags {

    private Hashtags() {
    }

    /** The hashtags without '#', in tag order. */
    static List<String> from(List<String> tags) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String tag : tags) {
            if (tag == null) {
                continue;
            }
            String hashtag = hashtag(Normalizer.normalize(tag, Normalizer.Form.NFC));
            if (!hashtag.isEmpty() && !hashtag.chars().allMatch(Character::isDigit)) {
                unique.putIfAbsent(hashtag.toLowerCase(Locale.ROOT), hashtag);
            }
        }
        return List.copyOf(unique.values());
    }

    private static String hashtag(String tag) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < tag.length(); ) {
            int cp = tag.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || isMark(cp) && word.length() > 0) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        if (words.size() == 1) {
            // one word keeps its own casing: iPhone, COVID19, Астана
            return words.get(0);
        }
        StringBuilder camel = new StringBuilder();
        for (String w : words) {
            int first = w.codePointAt(0);
            camel.appendCodePoint(Character.toTitleCase(first)).append(w.substring(Character.charCount(first)));
        }
        return camel.toString();
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
