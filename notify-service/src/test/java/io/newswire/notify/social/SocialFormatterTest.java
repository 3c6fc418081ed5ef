package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.newswire.events.Article;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Posts as a reader sees them, for the worst cases of issue 6: long titles, emoji, Kazakh, CJK, URLs
 * near the limit. Every expected text is worked out by hand in the comments.
 */
class SocialFormatterTest {

    private static final String LINK = "https://news.example.kz/a/1"; // 27 characters, 23 on X and Mastodon
    private static final String KK_LINK = "https://news.example.kz/kk/2026/11/29/astana"; // 8 + 15 + 21 = 44
    private static final String FAMILY = "👨‍👩‍👧‍👦";
    private static final String KZ_FLAG = "🇰🇿";
    private static final String THUMB_MEDIUM = "👍🏽";

    private final SocialFormatter formatter = new SocialFormatter();

    @Test
    void fillsTheDefaultTemplateWithHashtagsFromTags() {
        Article article = article("Flood waters recede in Almaty", "Residents return home.", LINK,
                List.of("climate change", "Астана", "2024", "Climate Change", "flood", "#!?"));

        SocialPost post = formatter.format(article, null, Network.X, 280, "story-1:x-main");

        // "climate change" CamelCased, Kazakh kept, digits-only and punctuation-only dropped, the repeat dropped
        assertThat(post.hashtags()).containsExactly("ClimateChange", "Астана", "flood");
        assertThat(post.text()).isEqualTo("""
                Flood waters recede in Almaty

                Residents return home.

                https://news.example.kz/a/1
                #ClimateChange #Астана #flood""");
        assertThat(post.storyId()).isEqualTo("story-1");
        assertThat(post.link()).isEqualTo(URI.create(LINK));
        assertThat(post.title()).isEqualTo("Flood waters recede in Almaty");
        assertThat(post.summary()).isEqualTo("Residents return home.");
        assertThat(post.language()).isEqualTo("en");
        assertThat(post.idempotencyKey()).isEqualTo("story-1:x-main");
    }

    @Test
    void hashtagsKeepEveryScriptAndCamelCaseSeveralWords() {
        Article article = article("T", "", LINK,
                List.of("Алматы облысы", "COVID-19", "iPhone", "Q&A", "東京", "almaty ОБЛЫСЫ", "  ", "1 000"));

        // "almaty ОБЛЫСЫ" becomes "AlmatyОБЛЫСЫ", not a repeat of "АлматыОблысы" (different letters);
        // "1 000" is digits only and "  " is nothing
        assertThat(formatter.format(article, "{hashtags}", Network.MASTODON, 500, "k").hashtags())
                .containsExactly("АлматыОблысы", "COVID19", "iPhone", "QA", "東京", "AlmatyОБЛЫСЫ");
    }

    @Test
    void aMissingSummaryLeavesNoEmptyLines() {
        Article article = article("Flood waters recede", "", LINK, List.of("Almaty"));

        String text = formatter.format(article, SocialFormatter.DEFAULT_TEMPLATE, Network.MASTODON, 500, "k").text();

        assertThat(text).isEqualTo("Flood waters recede\n\nhttps://news.example.kz/a/1\n#Almaty");
    }

    @Test
    void aTemplateCanUseBylineAndCategoryAndDropsALineWhosePartsAreMissing() {
        String template = "{category} | {title}\nBy {byline}\n{link}";

        assertThat(formatter.format(article("Floods", "", LINK, List.of()), template, Network.TELEGRAM, 4096, "k")
                .text()).isEqualTo("World | Floods\nBy Aigerim Bekova\nhttps://news.example.kz/a/1");
        Article anonymous = new Article("story-2", 1, URI.create(LINK), "Floods", "", "<p>x</p>", List.of(),
                List.of("World"), List.of(), "en", Instant.EPOCH, Instant.EPOCH, null);
        assertThat(formatter.format(anonymous, template, Network.TELEGRAM, 4096, "k").text())
                .isEqualTo("World | Floods\nhttps://news.example.kz/a/1");
    }

    @Test
    void anUnknownPlaceholderIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> formatter.format(article("T", "", LINK, List.of()), "{titel} {link}", Network.X, 280, "k"))
                .withMessageContaining("{titel}");
    }

    @Test
    void aLongTitleOnXIsCutAtAWordWithAnEllipsis() {
        // 60 × "abcd" = 299 characters. Budget: 280 − " " 1 − link 23 − "…" 2 = 254 for the title's
        // prefix; k words take 5k − 1 ≤ 254 → k = 51 (254). Total 254 + 2 + 1 + 23 = 280.
        String title = ("abcd ".repeat(60)).strip();

        String text = formatter.format(article(title, "", LINK, List.of()), "{title} {link}", Network.X, 280, "k").text();

        assertThat(text).isEqualTo(("abcd ".repeat(51)).strip() + "… " + LINK);
        assertThat(SocialFormatter.length(Network.X, text)).isEqualTo(280);
    }

    @Test
    void theSummaryIsShortenedFirstAndTheTitleLinkAndHashtagsKept() {
        // fixed: title 29 + "\n\n" 2 + "\n\n" 2 + link 23 + "\n" 1 + "#Almaty" 7 = 64; summary ≤ 216 with
        // its "…" (2 on X) → prefix ≤ 214: k × "lorem" = 6k − 1 ≤ 214 → k = 35 (209). Total 64 + 211 = 275.
        Article article = article("Flood waters recede in Almaty", "lorem ".repeat(60), LINK, List.of("Almaty"));

        String text = formatter.format(article, null, Network.X, 280, "k").text();

        assertThat(text).isEqualTo("Flood waters recede in Almaty\n\n" + ("lorem ".repeat(35)).strip()
                + "…\n\nhttps://news.example.kz/a/1\n#Almaty");
    }

    @Test
    void aSummaryWithNoWordThatFitsIsDroppedBeforeTheTitleIsTouched() {
        // one 450-letter word cannot be cut on a word boundary; title 19 + 2 + link 23 = 44 ≤ 100
        Article article = article("Flood waters recede", "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(10),
                LINK, List.of());

        assertThat(formatter.format(article, null, Network.X, 100, "k").text())
                .isEqualTo("Flood waters recede\n\nhttps://news.example.kz/a/1");
    }

    @Test
    void cjkCountsTwoOnXAndIsCutBetweenCharacters() {
        // 400 Han characters weigh 800. Budget 280 − "\n" 1 − link 23 − "…" 2 = 254 → 127 characters
        String title = "東京".repeat(200);

        String text = formatter.format(article(title, "", LINK, List.of()), "{title}\n{link}", Network.X, 280, "k").text();

        assertThat(text).isEqualTo("東京".repeat(63) + "東" + "…\n" + LINK);
        assertThat(SocialFormatter.length(Network.X, text)).isEqualTo(280);
    }

    @Test
    void kazakhOnBlueskyIsCountedInGraphemesWithTheLinkInFull() {
        // title 27 + 2 + summary + 2 + link 44 = 75 + summary ≤ 300 → summary ≤ 225 with its "…" →
        // prefix ≤ 224. The sentence is 40 characters with its space: 5 sentences (200) + "Қала" (204)
        // + " тұрғындары" (215) + " жаңа" (220); "саябақта" would end at 229. Total 75 + 221 = 296.
        String sentence = "Қала тұрғындары жаңа саябақта демалады. ";
        Article article = article("Астанада жаңа саябақ ашылды", sentence.repeat(20), KK_LINK, List.of());

        String text = formatter.format(article, null, Network.BLUESKY, 300, "k").text();

        assertThat(text).isEqualTo("Астанада жаңа саябақ ашылды\n\n" + sentence.repeat(5) + "Қала тұрғындары жаңа…\n\n"
                + KK_LINK);
        assertThat(SocialFormatter.length(Network.BLUESKY, text)).isEqualTo(296);
    }

    @Test
    void zwjFamiliesAreNeverSplitOnX() {
        // each family weighs 2 and each space 1: k families = 3k − 1, plus "…" 2 ≤ 20 → k = 6 (19)
        String title = (FAMILY + " ").repeat(50);

        String text = formatter.format(article(title, "", LINK, List.of()), "{title}", Network.X, 20, "k").text();

        assertThat(text).isEqualTo((FAMILY + " ").repeat(6).strip() + "…");
    }

    @Test
    void skinTonesCountFourUtf16UnitsOnTelegram() {
        // 👍🏽 is 2 + 2 units: k thumbs = 4k + (k − 1), plus "…" 1 ≤ 30 → k = 6 (29 + 1 = 30)
        String title = (THUMB_MEDIUM + " ").repeat(100);

        String text = formatter.format(article(title, "", LINK, List.of()), "{title}", Network.TELEGRAM, 30, "k").text();

        assertThat(text).isEqualTo((THUMB_MEDIUM + " ").repeat(6).strip() + "…");
    }

    @Test
    void flagsWithoutSpacesAreCutBetweenFlagsOnBluesky() {
        // no word boundary at all: 299 flags + "…" = 300 graphemes, 299 × 8 + 3 = 2395 bytes
        String text = formatter.format(article(KZ_FLAG.repeat(400), "", LINK, List.of()), "{title}", Network.BLUESKY,
                300, "k").text();

        assertThat(text).isEqualTo(KZ_FLAG.repeat(299) + "…");
    }

    @Test
    void a300GraphemeBlueskyPostOfEmojiFitsAndOneMoreIsCut() {
        assertThat(formatter.format(article("😀".repeat(300), "", LINK, List.of()), "{title}", Network.BLUESKY, 300, "k")
                .text()).isEqualTo("😀".repeat(300));
        assertThat(formatter.format(article("😀".repeat(301), "", LINK, List.of()), "{title}", Network.BLUESKY, 300, "k")
                .text()).isEqualTo("😀".repeat(299) + "…");
    }

    @Test
    void blueskyFamiliesStopAtThreeThousandBytesBeforeThreeHundredGraphemes() {
        // a family is 25 bytes: 119 × 25 + "…" 3 = 2978 ≤ 3000, 120 would be 3003
        String text = formatter.format(article(FAMILY.repeat(400), "", LINK, List.of()), "{title}", Network.BLUESKY,
                300, "k").text();

        assertThat(text).isEqualTo(FAMILY.repeat(119) + "…");
    }

    @Test
    void aUrlThatWouldStraddleTheLimitIsKeptWholeAndTheTextBeforeItIsCut() {
        // "T" 1 + 2 + summary + 2 + link 44 = 49 + summary ≤ 300 → prefix ≤ 250. The summary's URL runs
        // from 200 to 305, so the cut falls before it, after the 40th "word" (199): 199 + "…" = 200.
        String summary = "word ".repeat(40) + "https://data.example.org/" + "x".repeat(80) + " end";
        Article article = article("T", summary, KK_LINK, List.of());

        String text = formatter.format(article, null, Network.BLUESKY, 300, "k").text();

        assertThat(text).isEqualTo("T\n\n" + ("word ".repeat(40)).strip() + "…\n\n" + KK_LINK);
    }

    @Test
    void anHtmlEntityIsNeverCut() {
        // no spaces: cut between clusters but not inside "&amp;". Prefix ≤ 20 − 2 = 18; the cuts are
        // 7k, 7k + 1, 7k + 6 → 15 ("Q&amp;AQ&amp;AQ"), where 18 would end in "&am"
        String text = formatter.format(article("Q&amp;A".repeat(10), "", LINK, List.of()), "{title}", Network.X, 20, "k")
                .text();

        assertThat(text).isEqualTo("Q&amp;AQ&amp;AQ…");
    }

    @Test
    void telegramCaptionsAreCutAt1024AndMessagesAt4096() {
        // title 8 + 2 + summary + 2 + link 27 = 39 + summary ≤ 1024 → prefix ≤ 984 = 197 × "news" − 1
        // (5k − 1); as a message the whole 8 + 2 + 1999 + 2 + 27 = 2038 fits.
        Article article = article("Headline", "news ".repeat(400), LINK, List.of());

        String caption = formatter.format(article, null, Network.TELEGRAM,
                SocialFormatter.captionLimit(Network.TELEGRAM), "k").text();
        String message = formatter.format(article, null, Network.TELEGRAM,
                SocialFormatter.defaultLimit(Network.TELEGRAM), "k").text();

        assertThat(caption).isEqualTo("Headline\n\n" + ("news ".repeat(197)).strip() + "…\n\n" + LINK);
        assertThat(caption).hasSize(1024);
        assertThat(message).isEqualTo("Headline\n\n" + ("news ".repeat(400)).strip() + "\n\n" + LINK);
    }

    @Test
    void hashtagsGoOnlyWhenNotEvenOneWordOfTheTitleFits() {
        // with both tags: 2 + 23 + 1 + "#Almaty #flood" 14 = 40 leaves nothing for the title. Without
        // "#flood": 33, title ≤ 7 → "Flood…" (5 + 2). Total 7 + 2 + 23 + 1 + 7 = 40.
        Article article = article("Flood waters recede", "", LINK, List.of("Almaty", "flood"));

        assertThat(formatter.format(article, null, Network.X, 40, "k").text())
                .isEqualTo("Flood…\n\nhttps://news.example.kz/a/1\n#Almaty");
    }

    @Test
    void belowTheLengthOfALinkTheTitleStandsAlone() {
        // a link is 23 on X; at 20 the title alone: prefix ≤ 18 → "Flood waters" (12) + "…" = 14
        Article article = article("Flood waters recede in Almaty", "Residents return.", LINK, List.of("Almaty"));

        assertThat(formatter.format(article, null, Network.X, 20, "k").text()).isEqualTo("Flood waters…");
    }

    @Test
    void mastodonTakesTheInstanceLimitAndCountsALongLinkAsTwentyThree() {
        // 29 + 1 + 23 = 53 ≤ 60 although the link has 127 characters
        String longLink = "https://news.example.kz/" + "a".repeat(103);
        Article article = article("Flood waters recede in Almaty", "", longLink, List.of());

        assertThat(formatter.format(article, "{title} {link}", Network.MASTODON, 60, "k").text())
                .isEqualTo("Flood waters recede in Almaty " + longLink);
    }

    @Test
    void onlyAnHttpsLeadImageIsOffered() {
        Article withHttps = withImage("https://cdn.example.kz/lead.jpg");
        Article withHttp = withImage("http://cdn.example.kz/lead.jpg");

        SocialPost.Image image = formatter.format(withHttps, null, Network.X, 280, "k").image();
        assertThat(image.url()).isEqualTo(URI.create("https://cdn.example.kz/lead.jpg"));
        assertThat(image.altText()).isEqualTo("Flooded street");
        assertThat(image.mediaType()).isEqualTo("image/jpeg");
        assertThat(formatter.format(withHttp, null, Network.X, 280, "k").image()).isNull();
    }

    @Test
    void everyPostIsWithinItsLimitAndNeverCutsAClusterUrlOrEntity() {
        Random random = new Random(20261129L);
        String[] pieces = {"word", "news", "Астана", "Қазақстан", "әкімдігі", "東京", "大阪市", "日本語の", FAMILY, KZ_FLAG,
                THUMB_MEDIUM, "😀", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "e\u0301te\u0301", "&amp;", "Q&A", "https://example.com/path?q=1",
                "example.org", ".", ",", "—", "“quote”", "Pneumonoultramicroscopic"};
        String[] templates = {SocialFormatter.DEFAULT_TEMPLATE, "{title} {link}", "{title}\n{summary}",
                "{title}\n\n{link}\n{hashtags}", "{summary}\n{title}\n— {byline}, {category}\n{link}"};
        Network[] networks = Network.values();
        for (int run = 0; run < 600; run++) {
            String title = words(random, pieces, random.nextInt(60));
            String summary = words(random, pieces, random.nextInt(150));
            List<String> tags = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                tags.add(words(random, pieces, 1 + random.nextInt(3)));
            }
            Network network = networks[random.nextInt(networks.length)];
            int limit = switch (random.nextInt(3)) {
                case 0 -> 1 + random.nextInt(40);
                case 1 -> 40 + random.nextInt(400);
                default -> SocialFormatter.defaultLimit(network);
            };
            String template = templates[random.nextInt(templates.length)];
            String link = "https://news.example.kz/" + "p".repeat(random.nextInt(80));
            Article article = article(title, summary, link, tags);

            String text = formatter.format(article, template, network, limit, "k").text();

            String context = network + " limit " + limit + " template " + template + " title " + title + " text " + text;
            assertThat(SocialFormatter.length(network, text)).as(context).isLessThanOrEqualTo(limit);
            if (network == Network.BLUESKY) {
                assertThat(text.getBytes(StandardCharsets.UTF_8).length).as(context).isLessThanOrEqualTo(3000);
            }
            assertThat(hasLoneSurrogate(text)).as(context).isFalse();
            if (text.contains("https://news.example.kz/")) {
                assertThat(text).as(context).contains(link);
            }
            assertCutsAreClean(text, nfc(title), nfc(summary), context);
        }
    }

    // every "…" closes a prefix of the title or the summary that ends between clusters, outside URLs and entities
    private static void assertCutsAreClean(String text, String title, String summary, String context) {
        for (int at = text.indexOf('…'); at >= 0; at = text.indexOf('…', at + 1)) {
            int lineStart = text.lastIndexOf('\n', at) + 1;
            String before = text.substring(lineStart, at);
            String source = title.startsWith(before) ? title : summary;
            assertThat(source).as(context).startsWith(before);
            int cut = before.length();
            assertThat(clusterBoundaries(source)).as(context).contains(cut);
            for (Pattern unbreakable : List.of(Pattern.compile("https?://[!-~]+"), Pattern.compile("&amp;"))) {
                Matcher m = unbreakable.matcher(source);
                while (m.find()) {
                    assertThat(m.start() < cut && cut < m.end()).as(context + " cut at " + cut).isFalse();
                }
            }
        }
    }

    private static List<Integer> clusterBoundaries(String text) {
        List<Integer> at = new ArrayList<>(List.of(0));
        Matcher m = Pattern.compile("\\X").matcher(text);
        while (m.find()) {
            at.add(m.end());
        }
        return at;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String words(Random random, String[] pieces, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0 && random.nextInt(4) > 0) {
                out.append(' ');
            }
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

    private static Article withImage(String url) {
        return new Article("story-1", 1, URI.create(LINK), "Floods", "", "<p>x</p>", List.of(), List.of(), List.of(),
                "en", Instant.EPOCH, Instant.EPOCH,
                new Article.LeadImage(URI.create(url), "Flooded street", "image/jpeg", 1200, 800));
    }

    private static Article article(String title, String summary, String url, List<String> tags) {
        return new Article("story-1", 3, URI.create(url), title, summary, "<p>Body</p>",
                List.of(new Article.Author("Aigerim Bekova", null)), List.of("World", "Kazakhstan"), tags, "en",
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:05:00Z"), null);
    }
}
