package io.newswire.notify.social;

import io.newswire.events.Article;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes one story as a post for one account: the account's template filled from the article, then
 * shortened until it is within the network's limit as that network counts (see {@link #length}).
 *
 * <p>Templates are text with placeholders {@code {title}}, {@code {summary}}, {@code {link}},
 * {@code {hashtags}}, {@code {byline}} and {@code {category}}; anything else is kept as written, and
 * an unknown {@code {name}} is refused so a typo in configuration fails loudly. A line whose
 * placeholders all came out empty is dropped, and blank lines never repeat, so the
 * {@linkplain #DEFAULT_TEMPLATE default} without a summary reads "title, blank line, link".
 *
 * <p>Shortening keeps the link, the hashtags and the template's own text; it cuts the summary at a
 * word boundary and appends "…", or drops it, then does the same to the title. Only when even a
 * one-word title cannot stand beside them are hashtags dropped (last first), then the link.
 * Cuts fall between words (or between any two characters of Chinese/Japanese/Thai text), never
 * inside a URL, an HTML entity such as {@code &amp;}, or a grapheme cluster.
 */
public final class SocialFormatter {

    public static final String DEFAULT_TEMPLATE = "{title}\n\n{summary}\n\n{link}\n{hashtags}";

    /** TikTok photo posts: the title takes at most 90 UTF-16 units; {@link #defaultLimit} is the description's 4000. */
    public static final int TIKTOK_TITLE_LIMIT = 90;

    static final String ELLIPSIS = "…";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

    private static final Map<Network, Integer> LIMITS = new EnumMap<>(Map.ofEntries(
            Map.entry(Network.X, 280),
            Map.entry(Network.MASTODON, 500),
            Map.entry(Network.BLUESKY, 300),
            Map.entry(Network.TELEGRAM, 4096),
            Map.entry(Network.LINKEDIN, 3000),
            Map.entry(Network.THREADS, 500),
            Map.entry(Network.DISCORD, 2000),
            Map.entry(Network.FACEBOOK, 63206),
            Map.entry(Network.INSTAGRAM, 2200),
            Map.entry(Network.SLACK, 40000),
            Map.entry(Network.WEBHOOK, 100000),
            Map.entry(Network.TIKTOK, 4000)));

    public SocialFormatter() {
    }

    /**
     * The limit of a text post on {@code network}: Mastodon's is the default of an instance whose
     * own ({@code configuration.statuses.max_characters}) is unknown; TikTok's is a photo post's
     * description.
     */
    public static int defaultLimit(Network network) {
        return LIMITS.get(network);
    }

    /** The limit of a caption under a photo: Telegram {@code sendPhoto} 1024, Instagram 2200; else {@link #defaultLimit}. */
    public static int captionLimit(Network network) {
        return network == Network.TELEGRAM ? 1024 : defaultLimit(network);
    }

    /** The length of {@code text} as {@code network} counts it against its limit. */
    public static int length(Network network, String text) {
        return PostText.length(network, text);
    }

    /**
     * The post for {@code article} on an account of {@code network}.
     *
     * @param template the account's template, or {@code null}/blank for {@link #DEFAULT_TEMPLATE}
     * @param limit    the account's limit in the network's unit, e.g. {@link #defaultLimit}, the
     *                 instance's limit on Mastodon, {@link #captionLimit} for a photo caption
     * @throws IllegalArgumentException if the template names an unknown placeholder or limit < 1
     */
    public SocialPost format(Article article, String template, Network network, int limit, String idempotencyKey) {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(network, "network");
        if (limit < 1) {
            throw new IllegalArgumentException("A post limit must be positive, was " + limit);
        }
        Template parsed = Template.parse(template == null || template.isBlank() ? DEFAULT_TEMPLATE : template);
        String title = plain(article.title());
        String summary = plain(article.summary());
        List<String> hashtags = Hashtags.from(article.tags());
        Parts parts = new Parts(title, summary, article.url() == null ? "" : article.url().toASCIIString(),
                hashtags, byline(article), article.categories().isEmpty() ? "" : plain(article.categories().get(0)));
        String text = new Fitting(parsed, network, limit).fit(parts);
        return new SocialPost(article.id(), text, article.url(), title, summary, image(article), hashtags,
                article.language(), idempotencyKey);
    }

    // plain text on one line: titles and summaries are set in posts between template lines
    private static String plain(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

    private static String byline(Article article) {
        return article.authors().stream()
                .map(Article.Author::name)
                .map(SocialFormatter::plain)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.joining(", "));
    }

    // platforms fetch the image themselves and most refuse plain http
    private static SocialPost.Image image(Article article) {
        Article.LeadImage lead = article.leadImage();
        if (lead == null || lead.url() == null || !"https".equalsIgnoreCase(lead.url().getScheme())) {
            return null;
        }
        return new SocialPost.Image(lead.url(), lead.altText() == null ? "" : lead.altText(), lead.mediaType());
    }

    /** The values a template is filled with; each shortening step is a new one. */
    private record Parts(String title, String summary, String link, List<String> hashtags, String byline,
            String category) {

        Parts withTitle(String value) {
            return new Parts(value, summary, link, hashtags, byline, category);
        }

        Parts withSummary(String value) {
            return new Parts(title, value, link, hashtags, byline, category);
        }

        Parts withHashtags(List<String> value) {
            return new Parts(title, summary, link, value, byline, category);
        }

        Parts withoutLink() {
            return new Parts(title, summary, "", hashtags, byline, category);
        }

        String value(String placeholder) {
            return switch (placeholder) {
                case "title" -> title;
                case "summary" -> summary;
                case "link" -> link;
                case "hashtags" -> hashtags.stream().map(tag -> "#" + tag).collect(Collectors.joining(" "));
                case "byline" -> byline;
                case "category" -> category;
                default -> throw new IllegalStateException(placeholder);
            };
        }
    }

    /** A parsed template: its lines, each remembering whether it holds placeholders. */
    private record Template(List<String> lines) {

        private static final List<String> KNOWN = List.of("title", "summary", "link", "hashtags", "byline", "category");

        static Template parse(String template) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                if (!KNOWN.contains(m.group(1))) {
                    throw new IllegalArgumentException("Unknown placeholder {" + m.group(1) + "} in a social template;"
                            + " known: " + KNOWN);
                }
            }
            return new Template(List.of(template.replace("\r\n", "\n").split("\n", -1)));
        }

        String render(Parts parts) {
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                Matcher m = PLACEHOLDER.matcher(line);
                boolean any = false;
                boolean filled = false;
                StringBuilder rendered = new StringBuilder();
                while (m.find()) {
                    any = true;
                    String value = parts.value(m.group(1));
                    filled |= !value.isEmpty();
                    m.appendReplacement(rendered, Matcher.quoteReplacement(value));
                }
                m.appendTail(rendered);
                if (any && !filled) {
                    continue;
                }
                String text = rendered.toString().stripTrailing();
                boolean blank = text.isBlank();
                if (blank && (out.isEmpty() || out.get(out.size() - 1).isEmpty())) {
                    continue;
                }
                out.add(blank ? "" : text);
            }
            while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            return String.join("\n", out);
        }
    }

    /** One shortening run: the template, the network's count and the limit. */
    private static final class Fitting {

        private final Template template;
        private final Network network;
        private final int limit;

        Fitting(Template template, Network network, int limit) {
            this.template = template;
            this.network = network;
            this.limit = limit;
        }

        String fit(Parts full) {
            String text = template.render(full);
            if (fits(text)) {
                return text;
            }
            Parts parts = full;
            if (!parts.summary().isEmpty()) {
                Parts base = parts;
                Optional<String> shortened = shorten(parts.summary(), Cuts.WORDS,
                        value -> template.render(base.withSummary(value)));
                if (shortened.isPresent()) {
                    return shortened.get();
                }
                parts = parts.withSummary("");
            }
            for (int keep = parts.hashtags().size(); keep >= 0; keep--) {
                Optional<String> withTitle = titleFitting(parts.withHashtags(parts.hashtags().subList(0, keep)));
                if (withTitle.isPresent()) {
                    return withTitle.get();
                }
            }
            // the limit is below a bare link: the title has to stand alone
            Optional<String> withoutLink = titleFitting(parts.withHashtags(List.of()).withoutLink());
            if (withoutLink.isPresent()) {
                return withoutLink.get();
            }
            String title = full.title();
            return shorten(title, Cuts.GRAPHEMES, value -> value)
                    .or(() -> longestPrefix(title))
                    .orElse("");
        }

        private Optional<String> titleFitting(Parts parts) {
            String whole = template.render(parts);
            if (fits(whole)) {
                return Optional.of(whole);
            }
            Function<String, String> render = value -> template.render(parts.withTitle(value));
            return shorten(parts.title(), Cuts.WORDS, render)
                    .or(() -> shorten(parts.title(), Cuts.GRAPHEMES, render));
        }

        /*
         * The longest cut of value (plus the ellipsis) whose rendering fits. Renderings grow with the
         * cut, so a binary search finds it; the linear walk down only guards against a rule where a
         * longer prefix counts less (a URL completing), which the cut positions already avoid.
         */
        private Optional<String> shorten(String value, Cuts mode, Function<String, String> render) {
            int[] cuts = mode.positions(value);
            int low = 0;
            int high = cuts.length - 1;
            int best = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (fits(render.apply(cut(value, cuts[mid])))) {
                    best = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            for (int i = best; i >= 0; i--) {
                String cutValue = cut(value, cuts[i]);
                String text = render.apply(cutValue);
                if (!cutValue.equals(ELLIPSIS) && fits(text)) {
                    return Optional.of(text);
                }
            }
            return Optional.empty();
        }

        // the last resort when not even "x…" fits: whole clusters, no ellipsis
        private Optional<String> longestPrefix(String value) {
            int[] cuts = Cuts.GRAPHEMES.positions(value);
            for (int i = cuts.length - 1; i >= 0; i--) {
                String prefix = value.substring(0, cuts[i]).strip();
                if (!prefix.isEmpty() && fits(prefix)) {
                    return Optional.of(prefix);
                }
            }
            return Optional.empty();
        }

        private boolean fits(String text) {
            return PostText.fits(network, text, limit);
        }
    }

    /** Text cut at {@code at}, without the space or clause punctuation before the cut, then "…". */
    static String cut(String value, int at) {
        int end = at;
        while (end > 0) {
            char c = value.charAt(end - 1);
            if (Character.isWhitespace(c) || ",:.-–—、，。".indexOf(c) >= 0) {
                end--;
            } else {
                break;
            }
        }
        return value.substring(0, end) + ELLIPSIS;
    }

    /** Where a value may be cut: UTF-16 indexes in ascending order, never 0 nor its length. */
    enum Cuts {
        /** Before a space that ends a word, or beside a character of a script written without spaces. */
        WORDS,
        /** Between any two grapheme clusters. */
        GRAPHEMES;

        int[] positions(String value) {
            List<int[]> unbreakable = PostText.unbreakable(value);
            List<Integer> out = new ArrayList<>();
            for (int at : Graphemes.boundaries(value)) {
                if (at == 0 || at >= value.length() || inside(unbreakable, at)) {
                    continue;
                }
                if (this == GRAPHEMES || isWordEnd(value, at)) {
                    out.add(at);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        private static boolean isWordEnd(String value, int at) {
            int before = value.codePointBefore(at);
            int after = value.codePointAt(at);
            return Character.isWhitespace(after) && !Character.isWhitespace(before)
                    || unspaced(before) || unspaced(after);
        }

        private static boolean unspaced(int cp) {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
                    || script == Character.UnicodeScript.LAO || script == Character.UnicodeScript.KHMER
                    || script == Character.UnicodeScript.MYANMAR
                    || cp >= 0x3000 && cp <= 0x303F // CJK punctuation
                    || cp >= 0xFF00 && cp <= 0xFFEF; // full-width forms
        }

        private static boolean inside(List<int[]> spans, int at) {
            for (int[] span : spans) {
                if (span[0] < at && at < span[1]) {
                    return true;
                }
            }
            return false;
        }
    }
}
