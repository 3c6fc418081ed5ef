package io.newswire.notify.digest;

import io.newswire.events.Article;
import io.newswire.notify.branding.ArticleParts;
import io.newswire.notify.branding.EmailTemplate;
import io.newswire.notify.branding.EmailTemplates;
import io.newswire.notify.newsletter.Email;
import io.newswire.notify.subscription.SubscriberLinks;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes one subscriber's digest from the branded {@code digest} templates: one entry per story
 * (headline linking to it, byline, standfirst, a small lead image), an "and N more" line when the
 * period had more than a digest lists, and the same footer as every email.
 */
class DigestEmail {

    /** The entry's image: a thumbnail beside the text. */
    static final int IMAGE_WIDTH = 120;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MESSAGE_ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Email.Sender sender;
    private final String messageIdDomain;
    private final EmailTemplate template;
    private final SubscriberLinks links;
    private final String brand;
    private final DigestSchedule schedule;

    /**
     * @param sender          the newsletter's sender: a digest is the same list, in another rhythm
     * @param messageIdDomain right-hand side of the Message-ID
     * @param brand           the publisher's name, for the subject
     * @param schedule        the zone the period's dates are written in
     */
    DigestEmail(Email.Sender sender, String messageIdDomain, EmailTemplates templates, SubscriberLinks links, String brand,
            DigestSchedule schedule) {
        this.sender = sender;
        this.messageIdDomain = messageIdDomain;
        this.template = templates.compile("digest");
        this.links = links;
        this.brand = brand;
        this.schedule = schedule;
    }

    Email compose(DigestPeriod period, DigestSubscriber subscriber, DigestStories.Selection selection) {
        String every = period.frequency() == DigestFrequency.DAILY ? "daily" : "weekly";
        String when = period.frequency() == DigestFrequency.DAILY
                ? DAY.format(schedule.localDate(period.end()))
                : "week of " + DAY.format(schedule.localDate(period.start()));
        String subject = brand + ": your " + every + " digest — " + when;
        URI unsubscribe = links.unsubscribe(subscriber.id());
        EmailTemplate.Footer footer = new EmailTemplate.Footer(every, links.preferences(subscriber.id()), unsubscribe);
        Content content = new Content(subject, "Your " + every + " digest", capitalised(when),
                selection.shown().stream().map(DigestEmail::entry).toList(), more(selection.more(), period.frequency()));
        EmailTemplate.Bodies bodies = template.render(content, footer);
        return new Email(messageId(period, subscriber.id()), sender, subscriber.email(), subject, bodies.text(),
                bodies.html(), unsubscribe);
    }

    /**
     * The same digest to the same subscriber always has the same Message-ID, so one sent again
     * after a crash is recognisably the same message.
     */
    String messageId(DigestPeriod period, UUID subscriber) {
        return "<digest." + period.frequency().value() + "." + MESSAGE_ID_TIME.format(period.end()) + "." + subscriber
                + "@" + messageIdDomain + ">";
    }

    private static Entry entry(Article article) {
        return new Entry(ArticleParts.text(article.language()), article.title(), ArticleParts.link(article.url()),
                ArticleParts.byline(article), ArticleParts.text(article.summary()),
                ArticleParts.image(article.leadImage(), IMAGE_WIDTH));
    }

    private static String more(int more, DigestFrequency frequency) {
        if (more == 0) {
            return null;
        }
        return "And " + more + (more == 1 ? " more story" : " more stories") + " from this "
                + (frequency == DigestFrequency.DAILY ? "day" : "week") + ".";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** What the digest templates show; null leaves a part out. */
    private record Content(String subject, String heading, String period, List<Entry> stories, String more) {
    }

    private record Entry(String lang, String title, String url, String byline, String summary, ArticleParts.Image image) {
    }
}
