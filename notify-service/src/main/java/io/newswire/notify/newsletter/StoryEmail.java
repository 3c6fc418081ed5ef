package io.newswire.notify.newsletter;

import io.newswire.events.Article;
import io.newswire.notify.branding.EmailTemplate;
import io.newswire.notify.branding.EmailTemplates;
import java.net.URI;
import java.util.Locale;
import java.util.stream.Collectors;

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
    private final String reason;

    StoryEmail(NewsletterProperties properties, EmailTemplates templates, SubscriberLinks links) {
        this.properties = properties;
        this.sender = new Email.Sender(properties.publisherName(), properties.fromAddress(),
                properties.replyToAddress(), "newsletter." + properties.messageIdDomain());
        this.template = templates.compile("story");
        this.links = links;
        this.reason = "You receive this because you subscribed to the " + properties.publisherName() + " newsletter.";
    }

    Email compose(Article article, Subscriber subscriber) {
        URI unsubscribe = links.unsubscribe(subscriber.id());
        EmailTemplate.Bodies bodies = template.render(content(article),
                new EmailTemplate.Footer(reason, links.preferences(subscriber.id()), unsubscribe));
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
        return new Content(textOrNull(article.language()), article.title(), byline(article), leadImage(article),
                textOrNull(article.summary()), webLink(article.url()));
    }

    static String byline(Article article) {
        String names = article.authors().stream()
                .map(Article.Author::name)
                .filter(name -> textOrNull(name) != null)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? null : "By " + names;
    }

    /**
     * Only an https image: mail clients block or warn about plain http, and anything else (data:,
     * a relative path) would not show. No alt text is an empty alt, which screen readers skip,
     * rather than none, which makes them read out the file name.
     */
    private static Image leadImage(Article article) {
        Article.LeadImage image = article.leadImage();
        if (image == null || image.url() == null || !"https".equalsIgnoreCase(image.url().getScheme())) {
            return null;
        }
        String alt = image.altText() == null ? "" : image.altText().strip();
        return new Image(image.url().toString(), alt, LEAD_IMAGE_WIDTH);
    }

    /** The story's link, if it is one a reader can follow: never a javascript: or data: URL in an href. */
    static String webLink(URI url) {
        if (url == null || url.getScheme() == null) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") ? url.toString() : null;
    }

    private static String textOrNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** What the story templates show; null leaves a part out. */
    private record Content(String lang, String title, String byline, Image leadImage, String summary, String url) {
    }

    private record Image(String url, String alt, int width) {
    }
}
