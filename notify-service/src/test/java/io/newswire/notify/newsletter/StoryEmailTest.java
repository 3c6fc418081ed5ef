package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoryEmailTest {

    private final NewsletterProperties properties = new NewsletterProperties("Newswire", "newsroom@newswire.local",
            "letters@newswire.local", "newswire.local", 500, Duration.ofHours(24));

    private final StoryEmail storyEmail = new StoryEmail(properties,
            s -> java.net.URI.create("https://news.example/unsubscribe?token=t-" + s.id()));

    private final Subscriber reader = new Subscriber(UUID.fromString("0b5c2a8e-0000-4000-8000-000000000001"),
            "reader@example.test");

    @Test
    void htmlPartEscapesMarkupInTheHeadlineAndStandfirst() {
        Article article = article("<script>alert('x')</script> Tom & \"Jerry\"", "Less <b>than</b> 5 > 3");

        Email email = storyEmail.compose(article, reader);

        assertThat(email.html())
                .doesNotContain("<script>", "<b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Tom &amp; &quot;Jerry&quot;")
                .contains("Less &lt;b&gt;than&lt;/b&gt; 5 &gt; 3");
        // The text part is plain text: the headline appears as written.
        assertThat(email.text()).startsWith("<script>alert('x')</script> Tom & \"Jerry\"\n");
        assertThat(email.subject()).isEqualTo("<script>alert('x')</script> Tom & \"Jerry\"");
    }

    @Test
    void nonAsciiTextStaysReadableInTheHtml() {
        Email email = storyEmail.compose(article("Жаңалықтар", "Парламент бюджетті қабылдады"), reader);

        assertThat(email.html()).contains("<h1>Жаңалықтар</h1>", "Парламент бюджетті қабылдады", "lang=\"kk\"");
    }

    @Test
    void bothPartsLinkToTheStoryAndNameTheAuthors() {
        Email email = storyEmail.compose(article("Budget passes", "Vote at noon"), reader);

        assertThat(email.text()).contains("Read the story: https://example.com/news/budget?a=1&b=2", "By Aliya, Ben");
        assertThat(email.html()).contains("<a href=\"https://example.com/news/budget?a=1&amp;b=2\">Read the story</a>",
                "By Aliya, Ben");
    }

    @Test
    void emailComesFromTheNewsletterAndGoesToTheSubscriber() {
        Email email = storyEmail.compose(article("Budget passes", null), reader);

        assertThat(email.to()).isEqualTo("reader@example.test");
        assertThat(email.sender()).isEqualTo(new Email.Sender("Newswire", "newsroom@newswire.local",
                "letters@newswire.local", "newsletter.newswire.local"));
        assertThat(email.text()).doesNotContain("null");
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

    private static Article article(String title, String summary) {
        return new Article("5f0c7e9a-1111-4222-8333-944455556666", 1, URI.create("https://example.com/news/budget?a=1&b=2"),
                title, summary, "<p>Body</p>",
                List.of(new Article.Author("Aliya", null), new Article.Author("Ben", URI.create("https://example.com/ben"))),
                List.of("Politics"), List.of(), "kk", Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-29T10:00:00Z"), null);
    }

    @Test
    void bothPartsCarryTheSubscribersOwnUnsubscribeLink() {
        Subscriber subscriber = new Subscriber(java.util.UUID.randomUUID(), "reader@example.org");
        Email email = storyEmail.compose(article("Budget passes", "Summary"), subscriber);

        String link = "https://news.example/unsubscribe?token=t-" + subscriber.id();
        assertThat(email.unsubscribe()).hasToString(link);
        assertThat(email.text()).contains("Unsubscribe: " + link);
        assertThat(email.html()).contains("<a href=\"" + link + "\">Unsubscribe</a>");
    }
}
