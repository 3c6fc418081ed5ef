package io.newswire.notify.newsletter;

import io.newswire.events.Article;
import io.newswire.notify.branding.ArticleParts;
import io.newswire.notify.branding.EmailTemplate;
import io.newswire.notify.branding.EmailTemplates;
import io.newswire.notify.subscription.SubscriberLinks;
import java.net.URI;

/**
 * Writes the email that carries one story to one subscriber, from the branded {@code story}
 * templates: the subject is the headline; both bodies carry the headline, byline, standfirst and a
 * link to the story, the HTML one also the lead image; the footer says why the reader gets it and
 * gives their preferences and unsubscribe links. The HTML template escapes every value: a
 * headline is plain text, even when it looks like markup.
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

    Email compose(Article article, Subscriber subscriber) {
        URI unsubscribe = links.unsubscribe(subscriber.id());
        EmailTemplate.Bodies bodies = template.render(content(article),
                new EmailTemplate.Footer(null, links.preferences(subscriber.id()), unsubscribe));
        return new Email(messageId(article, subscriber), sender, subscriber.email(), article.title(),
                bodies.text(), bodies.html(), unsubscribe);
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
