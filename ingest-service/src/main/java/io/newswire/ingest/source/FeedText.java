package io.newswire.ingest.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/** The small normalisations every feed format needs: plain text, absolute links, names. */
final class FeedText {

    private static final int DERIVED_TITLE_LENGTH = 80;

    // "jane@example.org (Jane Doe)", the RSS 2.0 author form.
    private static final Pattern EMAIL_WITH_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)$");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern UNSAFE_URL_CHARACTERS = Pattern.compile("[\\s\"<>\\\\^`{|}]");

    private FeedText() {
    }

    /** Tags removed, entities decoded, whitespace collapsed; {@code null} for nothing left. */
    static String plain(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        String text = html.indexOf('<') < 0 && html.indexOf('&') < 0 ? html : Jsoup.parseBodyFragment(html).text();
        return collapsed(text);
    }

    /** Whitespace collapsed, markup left alone: for fields a feed declares as plain text. */
    static String collapsed(String text) {
        if (text == null) {
            return null;
        }
        // No-break spaces (&nbsp;) are layout, not content: they count as spaces here.
        String collapsed = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return collapsed.isEmpty() ? null : collapsed;
    }

    /**
     * The first non-blank of the candidates, for a title; when a feed gives none (JSON Feed
     * microblogs, some RSS), the start of the other plain text, cut at a word.
     */
    static String title(String title, String... fallbacks) {
        if (title != null && !title.isBlank()) {
            return title;
        }
        for (String fallback : fallbacks) {
            if (fallback != null && !fallback.isBlank()) {
                return shorten(fallback, DERIVED_TITLE_LENGTH);
            }
        }
        return "";
    }

    static String shorten(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int cut = text.lastIndexOf(' ', length);
        return text.substring(0, cut > length / 2 ? cut : length).strip() + "…";
    }

    /**
     * The reference resolved against the base as RFC 3986 says, as an absolute http(s) URI; or
     * {@code null} if it is empty, unparseable even after escaping, or of another scheme.
     */
    static URI resolve(URI base, String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        URI ref = parse(reference.strip());
        if (ref == null) {
            return null;
        }
        URI resolved;
        if (ref.isAbsolute()) {
            resolved = ref;
        }
        else if (base == null || !base.isAbsolute()) {
            return null;
        }
        else {
            resolved = withPath(base).resolve(ref);
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && resolved.getHost() != null ? resolved : null;
    }

    /** Distinct, trimmed, non-blank, first occurrence kept. */
    static List<String> distinct(Collection<String> values) {
        Set<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            String clean = collapsed(value);
            if (clean != null) {
                kept.add(clean);
            }
        }
        return List.copyOf(kept);
    }

    /** A person's display name from the forms feeds use: a name, or an email with a name. */
    static String personName(String value) {
        String name = collapsed(value);
        if (name == null) {
            return null;
        }
        Matcher withName = EMAIL_WITH_NAME.matcher(name);
        return withName.matches() ? withName.group(1).strip() : name;
    }

    private static URI parse(String reference) {
        try {
            return new URI(reference);
        }
        catch (URISyntaxException ex) {
            // Feeds carry links with spaces, pipes or braces that browsers quietly escape.
            Matcher unsafe = UNSAFE_URL_CHARACTERS.matcher(reference);
            StringBuilder escaped = new StringBuilder();
            while (unsafe.find()) {
                unsafe.appendReplacement(escaped, String.format(Locale.ROOT, "%%%02X", (int) unsafe.group().charAt(0)));
            }
            unsafe.appendTail(escaped);
            try {
                return new URI(escaped.toString());
            }
            catch (URISyntaxException again) {
                return null;
            }
        }
    }

    // java.net.URI resolves "a" against "https://host" to "https://hosta": give it a path first.
    private static URI withPath(URI base) {
        if (base.getRawAuthority() != null && (base.getRawPath() == null || base.getRawPath().isEmpty())) {
            return URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/"
                    + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
        }
        return base;
    }
}
