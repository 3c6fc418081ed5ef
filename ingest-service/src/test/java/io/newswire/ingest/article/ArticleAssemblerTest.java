package io.newswire.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleAssemblerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private final ArticleAssembler assembler = new ArticleAssembler(clock, java.util.Set.of("www.youtube.com"));

    @Test
    void sameUrlAlwaysGivesTheSameArticleId() {
        Article first = content(submission("https://news.example/politics/vote", "<p>x</p>"));
        Article again = content(submission("https://news.example/politics/vote", "<p>y</p>"));
        Article other = content(submission("https://news.example/politics/other", "<p>x</p>"));

        assertThat(first.id()).isEqualTo(again.id()).isNotEqualTo(other.id());
        assertThat(first.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void bodyLosesScriptsHandlersAndJavascriptUrlsAndKeepsFormatting() {
        Article article = content(submission("https://news.example/a/story",
                "<p onclick=\"steal()\">Hello <strong>world</strong></p><script>alert(1)</script>"
                        + "<a href=\"javascript:alert(2)\">bad</a><form><input name=q></form>"));

        assertThat(article.contentHtml())
                .contains("<strong>world</strong>")
                .doesNotContain("script", "onclick", "javascript:", "<form", "<input");
    }

    @Test
    void relativeLinksAndImagesBecomeAbsoluteAgainstTheArticleUrl() {
        Article article = content(submission("https://news.example/a/story",
                "<p><a href=\"../b/other\">more</a><img src=\"/img/x.jpg\" alt=\"x\"></p>"));

        assertThat(article.contentHtml())
                .contains("href=\"https://news.example/b/other\"")
                .contains("src=\"https://news.example/img/x.jpg\"");
    }

    @Test
    void iframesAreKeptOnlyFromConfiguredEmbedHostsOverHttps() {
        Article article = content(submission("https://news.example/a/story",
                "<iframe src=\"https://www.youtube.com/embed/abc\" width=\"560\"></iframe>"
                        + "<iframe src=\"https://evil.example/x\"></iframe>"
                        + "<iframe src=\"http://www.youtube.com/embed/plain\"></iframe>"));

        assertThat(article.contentHtml())
                .contains("src=\"https://www.youtube.com/embed/abc\"")
                .doesNotContain("evil.example", "embed/plain");
    }

    @Test
    void trackingParametersAndFragmentsLeaveTheCanonicalUrlAndTheIdFollowsIt() {
        Article tracked = content(submission("https://News.Example/a/story?utm_source=x&id=7&fbclid=abc#comments", null));
        Article clean = content(submission("https://news.example/a/story?id=7", null));

        assertThat(tracked.url()).hasToString("https://news.example/a/story?id=7");
        assertThat(tracked.id()).isEqualTo(clean.id());
    }

    @Test
    void emptyBodyStaysAbsentAndTextIsTrimmed() {
        Article article = content(submission("https://news.example/a/story", "  "));

        assertThat(article.contentHtml()).isNull();
        assertThat(article.title()).isEqualTo("A title");
    }

    private Article content(ArticleSubmission submission) {
        var url = assembler.canonicalUrl(submission.url());
        return assembler.content(submission, ArticleAssembler.idFor(url), url, clock.instant());
    }

    private static ArticleSubmission submission(String url, String html) {
        return new ArticleSubmission(url, "  A title ", "Summary", html, List.of(), List.of("Politics"),
                List.of("vote"), "en", null, null, null);
    }
}
