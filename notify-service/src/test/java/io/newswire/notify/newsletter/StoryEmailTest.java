package io.newswire.notify.newsletter;

import io.newswire.notify.subscription.SubscriberLinks;
import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import io.newswire.notify.branding.BrandingProperties;
import io.newswire.notify.branding.EmailTemplatesFixture;
import io.newswire.notify.subscription.SubscriberTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StoryEmailTest {

    private static final String SECRET = "test-secret-for-subscriber-links-0123456789";

    private final NewsletterProperties properties = new NewsletterProperties("Newswire", "newsroom@newswire.local",
            "letters@newswire.local", "newswire.local", 500, Duration.ofHours(24));

    private final SubscriberTokens tokens = new SubscriberTokens(SECRET, Clock.systemUTC());

    private final SubscriberLinks links = new SubscriberLinks(EmailTemplatesFixture.PUBLIC_BASE_URL, tokens, Duration.ofDays(7), Clock.systemUTC());

    private final StoryEmail storyEmail = new StoryEmail(properties, EmailTemplatesFixture.templates(), links);

    private final Subscriber reader = new Subscriber(UUID.fromString("0b5c2a8e-0000-4000-8000-000000000001"),
            "reader@example.test");

    @Test
    void htmlPartEscapesMarkupInTheHeadlineAndStandfirst() {
        Article article = article("<script>alert('x')</script> Tom & \"Jerry\"", "Less <b>than</b> 5 > 3");

        Email email = storyEmail.compose(article, reader);

        assertThat(email.html())
                .doesNotContain("<script>", "<b>")
                .contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Tom &amp; &quot;Jerry&quot;</h1>")
                .contains("Less &lt;b&gt;than&lt;/b&gt; 5 &gt; 3");
        // The text part is plain text: the headline appears as written.
        assertThat(email.text()).contains("\n<script>alert('x')</script> Tom & \"Jerry\"\n", "Less <b>than</b> 5 > 3");
        assertThat(email.subject()).isEqualTo("<script>alert('x')</script> Tom & \"Jerry\"");
    }

    @Test
    void kazakhAndEmojiStayReadableInBothParts() {
        Email email = storyEmail.compose(article("Жаңалықтар 📰", "Парламент бюджетті қабылдады 🎉"), reader);

        assertThat(email.html()).contains("<h1>Жаңалықтар 📰</h1>", "Парламент бюджетті қабылдады 🎉", "<html lang=\"kk\">",
                "<meta charset=\"utf-8\">");
        assertThat(email.text()).contains("Жаңалықтар 📰\n", "Парламент бюджетті қабылдады 🎉");
        assertThat(email.subject()).isEqualTo("Жаңалықтар 📰");
    }

    @Test
    void htmlIsSafeForMailClients() {
        String html = storyEmail.compose(article("Budget passes", "Vote at noon"), reader).html();

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"kk\">")
                .contains("max-width:600px", "role=\"presentation\"")
                .doesNotContain("<script", "<style", "<link", "class=\"");
    }

    @Test
    void leadImageIsShownWithItsAltText() {
        Article article = article("Budget passes", "Vote at noon", new Article.LeadImage(
                URI.create("https://cdn.example/parliament.jpg?w=1200&q=80"), "MPs voting in the chamber", "image/jpeg", 1200, 800));

        Email email = storyEmail.compose(article, reader);

        assertThat(email.html()).contains("<img src=\"https://cdn.example/parliament.jpg?w=1200&amp;q=80\" "
                + "alt=\"MPs voting in the chamber\" width=\"552\"");
        assertThat(email.text()).doesNotContain("parliament.jpg");
    }

    @Test
    void leadImageWithoutAltTextHasAnEmptyAlt() {
        Article article = article("Budget passes", "Vote at noon",
                new Article.LeadImage(URI.create("https://cdn.example/p.jpg"), null, null, null, null));

        assertThat(storyEmail.compose(article, reader).html()).contains("<img src=\"https://cdn.example/p.jpg\" alt=\"\" width=\"552\"");
    }

    @Test
    void leadImageOverPlainHttpIsLeftOut() {
        Article article = article("Budget passes", "Vote at noon",
                new Article.LeadImage(URI.create("http://cdn.example/p.jpg"), "MPs", null, null, null));

        assertThat(storyEmail.compose(article, reader).html()).doesNotContain("<img", "cdn.example");
    }

    @Test
    void brandingNameColoursLogoAndAddressComeFromConfiguration() {
        BrandingProperties branding = new BrandingProperties("Daily Planet", URI.create("https://cdn.example/logo.png"),
                "#0055aa", "#222222", "#f4f1ea", "Daily Planet Ltd, 1 Fleet Street, London EC4Y 1AA");
        StoryEmail branded = new StoryEmail(properties, EmailTemplatesFixture.templates(branding), links);

        Email email = branded.compose(article("Budget passes", "Vote at noon"), reader);

        assertThat(email.html()).contains("<img src=\"https://cdn.example/logo.png\" alt=\"Daily Planet\"",
                        "border-bottom:4px solid #0055aa", "color:#222222", "background-color:#f4f1ea",
                        "<p style=\"margin:0;\">Daily Planet Ltd, 1 Fleet Street, London EC4Y 1AA</p>")
                .doesNotContain("#b3261e", "#1d1b20");
        assertThat(email.text()).startsWith("Daily Planet\n\nBudget passes\n")
                .endsWith("Daily Planet Ltd, 1 Fleet Street, London EC4Y 1AA\n");
    }

    @Test
    void withoutLogoTheNameIsTheHeader() {
        Email email = storyEmail.compose(article("Budget passes", "Vote at noon"), reader);

        assertThat(email.html()).contains(">Newswire</span>").doesNotContain("<img");
        assertThat(email.text()).startsWith("Newswire\n\nBudget passes\nBy Aliya, Ben\n");
    }

    @Test
    void relativeLogoIsServedFromThePublicBaseUrl() {
        BrandingProperties branding = new BrandingProperties("Newswire", URI.create("static/logo.png"),
                "#b3261e", "#1d1b20", "#ffffff", null);

        Email email = new StoryEmail(properties, EmailTemplatesFixture.templates(branding), links)
                .compose(article("Budget passes", null), reader);

        assertThat(email.html()).contains("<img src=\"https://news.example/static/logo.png\" alt=\"Newswire\"");
    }

    @Test
    void bothPartsLinkToTheStoryAndNameTheAuthors() {
        Email email = storyEmail.compose(article("Budget passes", "Vote at noon"), reader);

        assertThat(email.text()).contains("Read the story: https://example.com/news/budget?a=1&b=2", "By Aliya, Ben");
        assertThat(email.html()).contains("<a href=\"https://example.com/news/budget?a=1&amp;b=2\">Read the story</a>",
                "By Aliya, Ben");
    }

    @Test
    void footerSaysWhyAndCarriesTheSubscribersOwnPreferencesAndUnsubscribeLinks() {
        Email email = storyEmail.compose(article("Budget passes", "Summary"), reader);

        String unsubscribe = link(email.text(), "Unsubscribe: (\\S+)");
        String preferences = link(email.text(), "Manage your preferences: (\\S+)");
        assertThat(email.unsubscribe()).hasToString(unsubscribe);
        assertThat(unsubscribe).startsWith("https://news.example/unsubscribe?token=");
        assertThat(preferences).startsWith("https://news.example/preferences?token=");
        assertThat(tokens.verify(token(unsubscribe), SubscriberTokens.Purpose.UNSUBSCRIBE)).contains(reader.id());
        assertThat(tokens.verify(token(preferences), SubscriberTokens.Purpose.PREFERENCES)).contains(reader.id());
        assertThat(email.html()).contains("<a href=\"" + unsubscribe + "\">Unsubscribe</a>",
                "<a href=\"" + preferences + "\">Manage your preferences</a>",
                "You receive this because you subscribed to the Newswire newsletter.");
        assertThat(email.text()).contains("\n-- \nYou receive this because you subscribed to the Newswire newsletter.\n");
    }

    @Test
    void emailComesFromTheNewsletterAndGoesToTheSubscriber() {
        Email email = storyEmail.compose(article("Budget passes", null), reader);

        assertThat(email.to()).isEqualTo("reader@example.test");
        assertThat(email.sender()).isEqualTo(new Email.Sender("Newswire", "newsroom@newswire.local",
                "letters@newswire.local", "newsletter.newswire.local"));
        assertThat(email.text()).doesNotContain("null");
        assertThat(email.html()).doesNotContain("null");
        assertThat(email.toString()).doesNotContain("reader@example.test");
    }

    @Test
    void messageIdIsTheSameForTheSameSubscriberAndStoryOnly() {
        Article article = article("Budget passes", null);
        Subscriber other = new Subscriber(UUID.fromString("0b5c2a8e-0000-4000-8000-000000000002"), "other@example.test");

        assertThat(storyEmail.compose(article, reader).messageId())
                .isEqualTo(storyEmail.compose(article, reader).messageId())
                .isEqualTo("<5f0c7e9a-1111-4222-8333-944455556666.0b5c2a8e-0000-4000-8000-000000000001@newswire.local>")
                .isNotEqualTo(storyEmail.compose(article, other).messageId());
    }

    private static String link(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as(pattern).isTrue();
        return matcher.group(1);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private static Article article(String title, String summary) {
        return article(title, summary, null);
    }

    private static Article article(String title, String summary, Article.LeadImage leadImage) {
        return new Article("5f0c7e9a-1111-4222-8333-944455556666", 1, URI.create("https://example.com/news/budget?a=1&b=2"),
                title, summary, "<p>Body</p>",
                List.of(new Article.Author("Aliya", null), new Article.Author("Ben", URI.create("https://example.com/ben"))),
                List.of("Politics"), List.of(), "kk", Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-29T10:00:00Z"), leadImage);
    }
}
