package io.newswire.notify.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.events.Article;
import io.newswire.notify.branding.BrandingProperties;
import io.newswire.notify.branding.EmailTemplatesFixture;
import io.newswire.notify.newsletter.Email;
import io.newswire.notify.subscription.SubscriberLinks;
import io.newswire.notify.subscription.SubscriberTokens;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DigestEmailTest {

    private static final String SECRET = "test-secret-for-subscriber-links-0123456789";
    private static final Email.Sender SENDER = new Email.Sender("Newswire", "newsroom@newswire.local",
            "newsroom@newswire.local", "newsletter.newswire.local");

    private final DigestSchedule schedule = new DigestSchedule(LocalTime.of(7, 0), ZoneId.of("Asia/Almaty"), DayOfWeek.MONDAY);
    private final SubscriberLinks links = new SubscriberLinks(EmailTemplatesFixture.PUBLIC_BASE_URL, new SubscriberTokens(SECRET, Clock.systemUTC()), Duration.ofDays(7), Clock.systemUTC());
    private final DigestEmail digestEmail = new DigestEmail(SENDER, "newswire.local", EmailTemplatesFixture.templates(),
            links, "Newswire", schedule);
    private final DigestSubscriber reader = new DigestSubscriber(UUID.fromString("0b5c2a8e-0000-4000-8000-000000000001"),
            "reader@example.test", Set.of());

    /** Almaty is UTC+5: 07:00 there on 29 November is 02:00 UTC. */
    private final DigestPeriod daily = schedule.due(DigestFrequency.DAILY, Instant.parse("2026-11-29T03:00:00Z"));

    @Test
    void subjectNamesTheBrandTheRhythmAndTheLocalDate() {
        assertThat(compose(daily, List.of(story("Budget passes", "Politics"))).subject())
                .isEqualTo("Newswire: your daily digest — 29 November 2026");

        DigestPeriod weekly = schedule.due(DigestFrequency.WEEKLY, Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(compose(weekly, List.of(story("Budget passes", "Politics"))).subject())
                .isEqualTo("Newswire: your weekly digest — week of 23 November 2026");
    }

    @Test
    void everyStoryIsAnEntryWithItsHeadlineLinkedInBothParts() {
        Email email = compose(daily, List.of(story("Budget passes", "Politics"), story("Жаңалықтар 📰", "Culture")));

        assertThat(email.html()).contains(
                "<a href=\"https://example.com/news/budget-passes\" style=\"color:#1d1b20;\">Budget passes</a>",
                "Жаңалықтар 📰</a>", "<p style=\"margin:0;\">What happened to Budget passes</p>", "By Aliya",
                "<td lang=\"kk\"");
        assertThat(email.text()).contains("* Budget passes\n  By Aliya\n  What happened to Budget passes\n"
                + "  https://example.com/news/budget-passes\n", "* Жаңалықтар 📰\n");
        assertThat(email.text().indexOf("Budget passes")).isLessThan(email.text().indexOf("Жаңалықтар"));
    }

    @Test
    void headlinesAreEscapedInTheHtmlAndAsWrittenInTheText() {
        Email email = compose(daily, List.of(story("<script>alert(1)</script> & more", "Politics")));

        assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</a>");
        assertThat(email.text()).contains("* <script>alert(1)</script> & more\n");
    }

    @Test
    void entriesShowASmallHttpsLeadImageWithItsAltText() {
        Article withImage = story("Budget passes", "Politics", new Article.LeadImage(
                URI.create("https://cdn.example/p.jpg"), "MPs voting", "image/jpeg", 1200, 800));
        Article insecure = story("Rain expected", "Weather", new Article.LeadImage(
                URI.create("http://cdn.example/rain.jpg"), "Clouds", "image/jpeg", 1200, 800));

        String html = compose(daily, List.of(withImage, insecure)).html();

        assertThat(html).contains("<img src=\"https://cdn.example/p.jpg\" alt=\"MPs voting\" width=\"120\"")
                .doesNotContain("rain.jpg");
    }

    @Test
    void storiesBeyondTheCapAreCounted() {
        Email email = digestEmail.compose(daily, reader,
                new DigestStories.Selection(List.of(story("Budget passes", "Politics")), 12));

        assertThat(email.html()).contains("And 12 more stories from this day.");
        assertThat(email.text()).contains("And 12 more stories from this day.");
        assertThat(compose(daily, List.of(story("Budget passes", "Politics"))).text()).doesNotContain("more stor");
    }

    @Test
    void footerSaysWhyAndCarriesTheSubscribersLinks() {
        Email email = compose(daily, List.of(story("Budget passes", "Politics")));

        assertThat(email.unsubscribe().toString()).startsWith("https://news.example/unsubscribe?token=");
        assertThat(email.text()).contains(
                "\n-- \nYou receive this because you subscribed to the Newswire newsletter and asked for a daily digest.\n",
                "Unsubscribe: " + email.unsubscribe() + "\n", "Manage your preferences: https://news.example/preferences?token=");
        assertThat(email.html()).contains("<a href=\"" + email.unsubscribe() + "\">Unsubscribe</a>",
                "asked for a daily digest.");
    }

    @Test
    void brandingAppliesToDigestsToo() {
        BrandingProperties branding = new BrandingProperties("Daily Planet", URI.create("https://cdn.example/logo.png"),
                "#0055aa", "#222222", "#f4f1ea", "1 Fleet Street, London");
        DigestEmail branded = new DigestEmail(SENDER, "newswire.local", EmailTemplatesFixture.templates(branding), links,
                "Daily Planet", schedule);

        Email email = branded.compose(daily, reader, new DigestStories.Selection(List.of(story("Budget passes", "Politics")), 0));

        assertThat(email.subject()).startsWith("Daily Planet: your daily digest");
        assertThat(email.html()).contains("<img src=\"https://cdn.example/logo.png\" alt=\"Daily Planet\"",
                "border-bottom:1px solid #0055aa", "1 Fleet Street, London", "max-width:600px", "<html lang=\"en\">");
    }

    @Test
    void messageIdIsTheSameForTheSameSubscriberAndDigestOnly() {
        assertThat(digestEmail.messageId(daily, reader.id()))
                .isEqualTo("<digest.daily.20261129T020000Z.0b5c2a8e-0000-4000-8000-000000000001@newswire.local>")
                .isEqualTo(compose(daily, List.of(story("Budget passes", "Politics"))).messageId())
                .isNotEqualTo(digestEmail.messageId(schedule.due(DigestFrequency.DAILY, Instant.parse("2026-11-30T03:00:00Z")),
                        reader.id()));
        assertThat(compose(daily, List.of(story("Budget passes", "Politics"))).toString()).doesNotContain("reader@");
    }

    private Email compose(DigestPeriod period, List<Article> stories) {
        return digestEmail.compose(period, reader, new DigestStories.Selection(stories, 0));
    }

    static Article story(String title, String category) {
        return story(title, category, null);
    }

    static Article story(String title, String category, Article.LeadImage image) {
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return new Article(UUID.randomUUID().toString(), 1, URI.create("https://example.com/news/" + slug), title,
                "What happened to " + title, null, List.of(new Article.Author("Aliya", null)), List.of(category), List.of(),
                title.startsWith("Ж") ? "kk" : "en", Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:00:00Z"),
                image);
    }
}
