package io.newswire.notify.newsletter;

import io.newswire.events.Article;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the email that carries one story to one subscriber: subject is the headline, the body
 * (text and HTML alternatives) the headline, byline, standfirst and a link to the story. Every
 * article value that goes into the HTML is escaped: a headline is plain text, even when it looks
 * like markup.
 */
class StoryEmail {

    private final NewsletterProperties properties;
    private final Email.Sender sender;

    private final Function<Subscriber, URI> unsubscribeLink;

    /** @param unsubscribeLink the signed one-click unsubscribe URL of a subscriber */
    StoryEmail(NewsletterProperties properties, Function<Subscriber, URI> unsubscribeLink) {
        this.unsubscribeLink = unsubscribeLink;
        this.properties = properties;
        this.sender = new Email.Sender(properties.publisherName(), properties.fromAddress(),
                properties.replyToAddress(), "newsletter." + properties.messageIdDomain());
    }

    Email compose(Article article, Subscriber subscriber) {
        URI unsubscribe = unsubscribeLink.apply(subscriber);
        return new Email(messageId(article, subscriber), sender, subscriber.email(), article.title(),
                text(article, unsubscribe), html(article, unsubscribe), unsubscribe);
    }

    /**
     * The same story to the same subscriber always has the same Message-ID, so a message sent
     * again after a crash is recognisably the same message.
     */
    String messageId(Article article, Subscriber subscriber) {
        return "<" + article.id() + "." + subscriber.id() + "@" + properties.messageIdDomain() + ">";
    }

    private String text(Article article, URI unsubscribe) {
        StringBuilder text = new StringBuilder(article.title()).append("\n");
        byline(article).ifPresent(byline -> text.append(byline).append("\n"));
        if (hasText(article.summary())) {
            text.append("\n").append(article.summary()).append("\n");
        }
        text.append("\nRead the story: ").append(article.url()).append("\n");
        // "-- " (with the space) is the signature separator mail clients recognise.
        text.append("\n-- \nYou receive this because you subscribed to the ")
                .append(properties.publisherName()).append(" newsletter.\n")
                .append("Unsubscribe: ").append(unsubscribe).append("\n");
        return text.toString();
    }

    private String html(Article article, URI unsubscribe) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html");
        if (hasText(article.language())) {
            html.append(" lang=\"").append(escape(article.language())).append('"');
        }
        html.append(">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(article.title()))
                .append("</title>\n</head>\n<body>\n<h1>").append(escape(article.title())).append("</h1>\n");
        byline(article).ifPresent(byline -> html.append("<p>").append(escape(byline)).append("</p>\n"));
        if (hasText(article.summary())) {
            html.append("<p>").append(escape(article.summary())).append("</p>\n");
        }
        html.append("<p><a href=\"").append(escape(article.url().toString())).append("\">Read the story</a></p>\n")
                .append("<hr>\n<p><small>You receive this because you subscribed to the ")
                .append(escape(properties.publisherName())).append(" newsletter. <a href=\"")
                .append(escape(unsubscribe.toString())).append("\">Unsubscribe</a></small></p>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    private static Optional<String> byline(Article article) {
        String names = article.authors().stream()
                .map(Article.Author::name)
                .filter(StoryEmail::hasText)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? Optional.empty() : Optional.of("By " + names);
    }

    private static String escape(String value) {
        // UTF-8: only markup characters become entities; Cyrillic, Kazakh etc. stay readable.
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
