package io.newswire.notify.social;

import static io.newswire.notify.social.SocialFormatter.length;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each network's count, with the expected numbers worked out by hand in the comments. */
class SocialTextLengthTest {

    private static final String FAMILY = "👨‍👩‍👧‍👦"; // 4 emoji (2 UTF-16 / 4 UTF-8 each) + 3 ZWJ (1 / 3 each)
    private static final String KZ_FLAG = "🇰🇿";     // 2 regional indicators, 2 UTF-16 / 4 UTF-8 each
    private static final String THUMB_MEDIUM = "👍🏽"; // thumb + skin tone modifier
    private static final String E_ACUTE_DECOMPOSED = "e\u0301";

    @Test
    void xWeighsLatinAndCyrillicOneAndCjkTwo() {
        assertThat(length(Network.X, "Hello")).isEqualTo(5);
        // Cyrillic (U+0400–U+04FF, Kazakh letters included) is inside U+0000–U+10FF: weight 100 each
        assertThat(length(Network.X, "Астана")).isEqualTo(6);
        assertThat(length(Network.X, "Қазақстан")).isEqualTo(9);
        // Han is outside the light ranges: 2 × 200 / 100
        assertThat(length(Network.X, "東京")).isEqualTo(4);
        // curly quotes U+201C/U+201D are in U+2010–U+201F: 1 + 6 + 1
        assertThat(length(Network.X, "“quoted”")).isEqualTo(8);
        // the ellipsis U+2026 is just past U+201F: 2
        assertThat(length(Network.X, "…")).isEqualTo(2);
    }

    @Test
    void xCountsEveryEmojiClusterAsTwoWhateverItsCodePoints() {
        assertThat(length(Network.X, FAMILY)).isEqualTo(2);
        assertThat(length(Network.X, KZ_FLAG)).isEqualTo(2);
        assertThat(length(Network.X, THUMB_MEDIUM)).isEqualTo(2);
        // 140 emoji fill a post exactly: 140 × 2 = 280
        assertThat(length(Network.X, "😀".repeat(140))).isEqualTo(280);
    }

    @Test
    void xNormalizesBeforeCounting() {
        // NFC turns e + U+0301 into é (U+00E9): one light character
        assertThat(length(Network.X, E_ACUTE_DECOMPOSED)).isEqualTo(1);
    }

    @Test
    void xCountsEveryUrlAsTwentyThree() {
        // "Read " 5 + URL 23 (its real 63 characters do not matter)
        assertThat(length(Network.X, "Read https://example.com/a/very/long/path/that/goes/on/and/on?x=1")).isEqualTo(28);
        // short URLs cost 23 too: "Go " 3 + 23
        assertThat(length(Network.X, "Go http://a.kz")).isEqualTo(26);
        // the full stop ends the sentence, not the URL: "See " 4 + 23 + "." 1
        assertThat(length(Network.X, "See https://x.kz/a.")).isEqualTo(28);
        // a bare domain may be linked by X: never counted below 23. "visit " 6 + 23
        assertThat(length(Network.X, "visit example.com")).isEqualTo(29);
    }

    @Test
    void mastodonCountsGraphemesWithUrlsAsTwentyThreeAndMentionsByLocalPart() {
        // "Read " 5 + 23, though the URL has 120 characters
        assertThat(length(Network.MASTODON, "Read https://example.com/" + "p".repeat(100))).isEqualTo(28);
        // @alice@mastodon.social counts as @alice: "Hi " 3 + 6
        assertThat(length(Network.MASTODON, "Hi @alice@mastodon.social")).isEqualTo(9);
        // family and flag are one grapheme each
        assertThat(length(Network.MASTODON, FAMILY + KZ_FLAG)).isEqualTo(2);
        assertThat(length(Network.MASTODON, "Астана")).isEqualTo(6);
    }

    @Test
    void blueskyCountsGraphemesAndUrlsInFull() {
        assertThat(length(Network.BLUESKY, FAMILY)).isEqualTo(1);
        assertThat(length(Network.BLUESKY, KZ_FLAG + "🇺🇸")).isEqualTo(2);
        assertThat(length(Network.BLUESKY, THUMB_MEDIUM)).isEqualTo(1);
        assertThat(length(Network.BLUESKY, E_ACUTE_DECOMPOSED)).isEqualTo(1);
        assertThat(length(Network.BLUESKY, "東京")).isEqualTo(2);
        assertThat(length(Network.BLUESKY, "Қазақстан")).isEqualTo(9);
        // "https://" 8 + "a.kz" 4
        assertThat(length(Network.BLUESKY, "https://a.kz")).isEqualTo(12);
    }

    @Test
    void blueskyAlsoCapsUtf8BytesAtThreeThousand() {
        // 300 × 😀 = 300 graphemes, 1200 bytes: fits
        assertThat(PostText.fits(Network.BLUESKY, "😀".repeat(300), 300)).isTrue();
        assertThat(PostText.fits(Network.BLUESKY, "😀".repeat(301), 300)).isFalse();
        // 300 families = 300 graphemes but 300 × 25 = 7500 bytes: refused by the record's maxLength
        assertThat(length(Network.BLUESKY, FAMILY.repeat(300))).isEqualTo(300);
        assertThat(PostText.fits(Network.BLUESKY, FAMILY.repeat(300), 300)).isFalse();
    }

    @Test
    void telegramAndTheOthersCountUtf16Units() {
        assertThat(length(Network.TELEGRAM, "😀")).isEqualTo(2);
        assertThat(length(Network.TELEGRAM, "Астана")).isEqualTo(6);
        // 4 × 2 + 3 × 1
        assertThat(length(Network.TELEGRAM, FAMILY)).isEqualTo(11);
        assertThat(length(Network.LINKEDIN, "😀")).isEqualTo(2);
        assertThat(length(Network.DISCORD, KZ_FLAG)).isEqualTo(4);
    }

    @Test
    void threadsCountsEmojiAsTheirUtf8Bytes() {
        assertThat(length(Network.THREADS, "Hello")).isEqualTo(5);
        assertThat(length(Network.THREADS, "😀")).isEqualTo(4);
        // 4 × 4 + 3 × 3
        assertThat(length(Network.THREADS, FAMILY)).isEqualTo(25);
        // Cyrillic and Han are characters: one each
        assertThat(length(Network.THREADS, "Астана東京")).isEqualTo(8);
    }

    @Test
    void limitsPerNetwork() {
        assertThat(SocialFormatter.defaultLimit(Network.X)).isEqualTo(280);
        assertThat(SocialFormatter.defaultLimit(Network.MASTODON)).isEqualTo(500);
        assertThat(SocialFormatter.defaultLimit(Network.BLUESKY)).isEqualTo(300);
        assertThat(SocialFormatter.defaultLimit(Network.TELEGRAM)).isEqualTo(4096);
        assertThat(SocialFormatter.captionLimit(Network.TELEGRAM)).isEqualTo(1024);
        assertThat(SocialFormatter.captionLimit(Network.INSTAGRAM)).isEqualTo(2200);
        assertThat(SocialFormatter.defaultLimit(Network.LINKEDIN)).isEqualTo(3000);
        assertThat(SocialFormatter.defaultLimit(Network.THREADS)).isEqualTo(500);
        assertThat(SocialFormatter.defaultLimit(Network.DISCORD)).isEqualTo(2000);
        assertThat(SocialFormatter.defaultLimit(Network.TIKTOK)).isEqualTo(4000);
        for (Network network : Network.values()) {
            assertThat(SocialFormatter.defaultLimit(network)).isPositive();
        }
    }
}
