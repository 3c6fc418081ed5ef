package io.newswire.notify.newsletter;

import io.newswire.events.Article;
import io.newswire.notify.branding.ArticleParts;
import io.newswire.notify.branding.EmailTemplate;
import io.newswire.notify.branding.EmailTemplates;
import io.newswire.notify.subscription.SubscriberLinks;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Writes the email that carries one story to one subscriber, from the branded {@code story}
 * templates: the subject is the headline; both bodies carry the headline, byline, standfirst and a
 * link to the story, the HTML one also the lead image; the footer says why the reader gets it and
 * gives their preferences and unsubscribe links. The HTML template escapes every value: a
 * headline is plain text, even when it looks like markup.
 *
 * <p>The bodies are the same for every subscriber but for the footer's two links, so a story is
 * rendered once ({@link #bulk}, with marks where the links go) and each subscriber's copy only
 * signs their links ({@link #copy}).
 */
class StoryEmail {

    /** The lead image's width: the 600-pixel column less its padding. */
    static final int LEAD_IMAGE_WIDTH = 552;

    private final NewsletterProperties properties;
    private final Email.Sender sender;
    private final EmailTemplate template;
    private final SubscriberLinks links;

    StoryEmail(NewsletterProperties properties, EmailTemplates templates, SubscriberLinks links) {
        this.properties = properties;
        this.sender = new Email.Sender(properties.publisherName(), properties.fromAddress(),
                properties.replyToAddress(), "newsletter." + properties.messageIdDomain());
        this.template = templates.compile("story");
        this.links = links;
    }

    // Where the footer's links go in a story rendered for many: names under .invalid (RFC 2606), and
    // made unique per process, so no story can contain them; HTML escaping leaves them as they are.
    private static final String MARK_NONCE = UUID.randomUUID().toString().replace("-", "");
    private static final URI PREFERENCES_MARK = URI.create("https://marks.invalid/preferences-" + MARK_NONCE);
    private static final URI UNSUBSCRIBE_MARK = URI.create("https://marks.invalid/unsubscribe-" + MARK_NONCE);

    /** The email of one story to one subscriber. */
    Email compose(Article article, Subscriber subscriber) {
        return bulk(article).email(copy(article, subscriber));
    }

    /** The story's email for every subscriber at once: the footer's links are left as marks. */
    BulkEmail bulk(Article article) {
        EmailTemplate.Bodies bodies = template.render(content(article),
                new EmailTemplate.Footer(null, PREFERENCES_MARK, UNSUBSCRIBE_MARK));
        return new BulkEmail(sender, article.title(), bodies.text(), bodies.html(),
                List.of(PREFERENCES_MARK.toString(), UNSUBSCRIBE_MARK.toString()));
    }

    /** One subscriber's copy of {@link #bulk}: their address, Message-ID and signed links. */
    BulkEmail.Copy copy(Article article, Subscriber subscriber) {
        String preferences = links.preferences(subscriber.id()).toString();
        URI unsubscribe = links.unsubscribe(subscriber.id());
        return new BulkEmail.Copy(subscriber.email(), messageId(article, subscriber), unsubscribe,
                List.of(preferences, unsubscribe.toString()),
                List.of(template.htmlValue(preferences), template.htmlValue(unsubscribe.toString())));
    }

    /**
     * The same story to the same subscriber always has the same Message-ID, so a message sent
     * again after a crash is recognisably the same message.
     */
    String messageId(Article article, Subscriber subscriber) {
        return "<" + article.id() + "." + subscriber.id() + "@" + properties.messageIdDomain() + ">";
    }

    private static Content content(Article article) {
        return new Content(ArticleParts.text(article.language()), article.title(), ArticleParts.byline(article),
                ArticleParts.image(article.leadImage(), LEAD_IMAGE_WIDTH), ArticleParts.text(article.summary()),
                ArticleParts.link(article.url()));
    }

    /** What the story templates show; null leaves a part out. */
    private record Content(String lang, String title, String byline, ArticleParts.Image leadImage, String summary,
            String url) {
    }
}
