package io.newswire.notify.social;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's length as each network counts it, and the spans of text that must never be cut (URLs
 * and HTML entities). Where a network's own counter is not public in full, the count here is the
 * smallest rule that is never below the network's, so a post judged to fit always does; see the
 * "Formatting" section of docs/social.md for the sources.
 */
final class PostText {

    /** What X (t.co) and Mastodon charge for any URL, whatever its real length. */
    static final int URL_LENGTH = 23;

    /** Bluesky's second cap: app.bsky.feed.post text is at most 3000 bytes of UTF-8 as well as 300 graphemes. */
    static final int BLUESKY_MAX_BYTES = 3000;

    private static final String URL_CHARS = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+";

    /*
     * http(s) URLs over ASCII URL characters only, as twitter-text (and Mastodon, which uses it)
     * links them: not right after an ASCII letter, digit, @, $ or #. The extractor also accepts some
     * non-ASCII path characters; stopping earlier can only count the rest as text, never less.
     */
    private static final Pattern URL = Pattern.compile("(?i)(?<![A-Za-z0-9@＠$#＃])https?://" + URL_CHARS);

    /* Any http(s) run at all, linked or not, for where text must not be cut. */
    private static final Pattern URL_ANYWHERE = Pattern.compile("(?i)https?://" + URL_CHARS);

    /*
     * Bare domains ("example.com/path"): X links many of them (its TLD list), so on X such a
     * token counts as the larger of its own weight and 23.
     */
    private static final Pattern BARE_DOMAIN = Pattern.compile(
            "(?<![\\p{L}\\p{N}@.\\-/_:])(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}"
                    + "(?:/[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]*)?");

    private static final Pattern ENTITY = Pattern.compile(
            "&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");

    /* Mastodon counts a remote mention @user@domain as @user. */
    private static final Pattern MASTODON_MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{N}_/])@([A-Za-z0-9_]+(?:[.\\-]+[A-Za-z0-9_]+)*)@[A-Za-z0-9.\\-]+[A-Za-z0-9]");

    private PostText() {
    }

    /** The length of {@code text} in the unit and with the rules of {@code network}. */
    static int length(Network network, String text) {
        return switch (network) {
            case X -> xLength(text);
            case MASTODON -> mastodonLength(text);
            case BLUESKY -> Graphemes.count(text);
            case THREADS -> threadsLength(text);
            // Telegram counts UTF-16 code units after entity parsing; for the others UTF-16 is the
            // safe reading of "characters" (never fewer than code points or graphemes).
            case TELEGRAM, LINKEDIN, DISCORD, SLACK, FACEBOOK, INSTAGRAM, WEBHOOK, TIKTOK -> text.length();
        };
    }

    /** Whether {@code text} is within {@code limit} on {@code network}, counting every cap it has. */
    static boolean fits(Network network, String text, int limit) {
        if (length(network, text) > limit) {
            return false;
        }
        return network != Network.BLUESKY || text.getBytes(StandardCharsets.UTF_8).length <= BLUESKY_MAX_BYTES;
    }

    /** [start, end) spans of URLs (with or without scheme) and HTML entities: never cut inside one. */
    static List<int[]> unbreakable(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher url = URL_ANYWHERE.matcher(text);
        while (url.find()) {
            spans.add(new int[] {url.start(), trimmedEnd(text, url.start(), url.end())});
        }
        Matcher bare = BARE_DOMAIN.matcher(text);
        while (bare.find()) {
            spans.add(new int[] {bare.start(), trimmedEnd(text, bare.start(), bare.end())});
        }
        Matcher entity = ENTITY.matcher(text);
        while (entity.find()) {
            spans.add(new int[] {entity.start(), entity.end()});
        }
        return spans;
    }

    /** [start, end) spans of http(s) URLs, without the trailing punctuation a sentence adds. */
    static List<int[]> urls(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), trimmedEnd(text, m.start(), m.end())});
        }
        return spans;
    }

    // "See https://x.kz/a." links https://x.kz/a; a closing parenthesis stays only if one opened in the URL
    private static int trimmedEnd(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (".,;:!?'\"".indexOf(last) >= 0
                    || last == ')' && count(text, start, end, '(') < count(text, start, end, ')')
                    || last == ']' && count(text, start, end, '[') < count(text, start, end, ']')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /*
     * twitter-text v3: NFC first; each URL 23; each emoji cluster 200; otherwise per code point 100
     * in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F, U+2032–U+2037 and 200 elsewhere; scale 100.
     */
    private static int xLength(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int weight = 0;
        int at = 0;
        for (int[] url : xUrls(text)) {
            weight += xTextWeight(text.substring(at, url[0]));
            int own = xTextWeight(text.substring(url[0], url[1]));
            weight += url[2] == 1 ? URL_LENGTH * 100 : Math.max(own, URL_LENGTH * 100);
            at = url[1];
        }
        weight += xTextWeight(text.substring(at));
        return weight / 100;
    }

    // URLs as [start, end, 1] and bare domains as [start, end, 0], in order, not overlapping
    private static List<int[]> xUrls(String text) {
        List<int[]> spans = new ArrayList<>();
        for (int[] url : urls(text)) {
            spans.add(new int[] {url[0], url[1], 1});
        }
        Matcher bare = BARE_DOMAIN.matcher(text);
        while (bare.find()) {
            int start = bare.start();
            int end = trimmedEnd(text, start, bare.end());
            if (spans.stream().noneMatch(s -> start < s[1] && s[0] < end)) {
                spans.add(new int[] {start, end, 0});
            }
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        return spans;
    }

    private static int xTextWeight(String text) {
        int weight = 0;
        for (String cluster : Graphemes.of(text)) {
            if (Graphemes.isEmoji(cluster)) {
                weight += 200;
            } else {
                for (int i = 0; i < cluster.length(); ) {
                    int cp = cluster.codePointAt(i);
                    weight += xWeight(cp);
                    i += Character.charCount(cp);
                }
            }
        }
        return weight;
    }

    private static int xWeight(int cp) {
        boolean light = cp <= 0x10FF
                || cp >= 0x2000 && cp <= 0x200D
                || cp >= 0x2010 && cp <= 0x201F
                || cp >= 0x2032 && cp <= 0x2037;
        return light ? 100 : 200;
    }

    /* Mastodon's StatusLengthValidator: URLs become 23 x's, @user@domain becomes @user, then graphemes. */
    private static int mastodonLength(String text) {
        StringBuilder countable = new StringBuilder();
        int at = 0;
        for (int[] url : urls(text)) {
            countable.append(text, at, url[0]).append("x".repeat(URL_LENGTH));
            at = url[1];
        }
        countable.append(text.substring(at));
        String withoutDomains = MASTODON_MENTION.matcher(countable).replaceAll("@$1");
        return Graphemes.count(withoutDomains);
    }

    /* Threads: characters, except that an emoji counts as its UTF-8 bytes. */
    private static int threadsLength(String text) {
        int n = 0;
        for (String cluster : Graphemes.of(text)) {
            n += Graphemes.isEmoji(cluster)
                    ? cluster.getBytes(StandardCharsets.UTF_8).length
                    : cluster.codePointCount(0, cluster.length());
        }
        return n;
    }
}
