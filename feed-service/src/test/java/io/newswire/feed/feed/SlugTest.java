package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugTest {

    @Test
    void lowerCasesAndJoinsWordsWithOneDash() {
        assertThat(Slug.of("  City & Transport!! ")).isEqualTo("city-transport");
    }

    @Test
    void foldsLatinLettersToAscii() {
        assertThat(Slug.of("Café Zürich")).isEqualTo("cafe-zurich");
    }

    @Test
    void keepsCyrillicArabicAndCjkLettersAsTheyAre() {
        assertThat(Slug.of("Қазақ тілі")).isEqualTo("қазақ-тілі");
        assertThat(Slug.of("Новый йогурт")).isEqualTo("новый-йогурт");
        assertThat(Slug.of("الأخبار")).isEqualTo("الأخبار");
        assertThat(Slug.of("مَرْحَبًا بكم")).isEqualTo("مَرْحَبًا-بكم");
        assertThat(Slug.of("東京 2026")).isEqualTo("東京-2026");
    }

    @Test
    void nameWithoutLettersOrDigitsHasNoSlug() {
        assertThat(Slug.of("🚋 🎉")).isEmpty();
        assertThat(Slug.of(null)).isEmpty();
    }

    @Test
    void pathOfACyrillicSlugIsPercentEncoded() {
        assertThat(new FeedScope(FeedScope.Kind.CATEGORY, "қала").path(FeedFormat.RSS))
                .isEqualTo("/categories/%D2%9B%D0%B0%D0%BB%D0%B0/rss.xml");
    }
}
