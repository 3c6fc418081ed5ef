package io.newswire.notify.branding;

import io.newswire.events.Article;
import java.net.URI;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parts of an article as every email template shows them; null means "leave it out", which
 * is what a template section needs.
 */
public final class ArticleParts {

    private ArticleParts() {
    }

    /** "By Aliya, Ben", or null when no author has a name. */
    public static String byline(Article article) {
        String names = article.authors().stream()
                .map(Article.Author::name)
                .map(ArticleParts::text)
                .filter(name -> name != null)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? null : "By " + names;
    }

    /** The story's link, if it is one a reader can follow: never a javascript: or data: URL in an href. */
    public static String link(URI url) {
        if (url == null || url.getScheme() == null) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") ? url.toString() : null;
    }

    /**
     * The lead image at this width, or null. Only an https image: mail clients block or warn about
     * plain http, and anything else (data:, a relative path) would not show. No alt text becomes an
     * empty alt, which screen readers skip, rather than none, which makes them read out the file name.
     */
    public static Image image(Article.LeadImage image, int width) {
        if (image == null || image.url() == null || !"https".equalsIgnoreCase(image.url().getScheme())) {
            return null;
        }
        String alt = image.altText() == null ? "" : image.altText().strip();
        return new Image(image.url().toString(), alt, width);
    }

    /** The value, or null when it is blank (a blank standfirst is no standfirst). */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An image as the templates show it: {@code <img src alt width>}. */
    public record Image(String url, String alt, int width) {
    }
}
