package io.newswire.feed.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.springframework.web.util.HtmlUtils;

/**
 * Lists every feed: as an HTML page for people (with autodiscovery links for the site's feeds, so
 * a reader pointed at the page finds them) and as OPML 2.0 for feed readers to import.
 */
class FeedIndexRenderer {

    private static final Format FORMAT = Format.getPrettyFormat().setEncoding(StandardCharsets.UTF_8.name())
            .setEscapeStrategy(ch -> false);

    private final FeedProperties properties;

    FeedIndexRenderer(FeedProperties properties) {
        this.properties = properties;
    }

    /** {@code names}: every scope with its name as written ({@code null} for the site), in index order. */
    byte[] html(Map<FeedScope, String> names) {
        String lang = escape(properties.language());
        StringBuilder html = new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"").append(lang)
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(properties.siteTitle())).append(" feeds</title>\n");
        for (FeedFormat format : FeedFormat.values()) {
            html.append("<link rel=\"alternate\" type=\"").append(format.mediaType()).append("\" title=\"")
                    .append(escape(properties.siteTitle() + " (" + format.label() + ")")).append("\" href=\"")
                    .append(escape(properties.selfLink(FeedScope.SITE.path(format)))).append("\">\n");
        }
        html.append("<link rel=\"alternate\" type=\"text/x-opml\" title=\"All feeds (OPML)\" href=\"")
                .append(escape(properties.selfLink("/feeds.opml"))).append("\">\n</head>\n<body>\n<h1>")
                .append(escape(properties.siteTitle())).append(" feeds</h1>\n");
        FeedScope.Kind section = null;
        for (Map.Entry<FeedScope, String> scope : names.entrySet()) {
            FeedScope.Kind kind = scope.getKey().kind();
            if (kind != section) {
                html.append(section == null ? "" : "</ul>\n").append("<h2>").append(heading(kind)).append("</h2>\n<ul>\n");
                section = kind;
            }
            html.append("<li>").append(escape(name(scope.getKey(), scope.getValue())));
            for (FeedFormat format : FeedFormat.values()) {
                html.append(" <a type=\"").append(format.mediaType()).append("\" href=\"")
                        .append(escape(properties.selfLink(scope.getKey().path(format)))).append("\">")
                        .append(format.label()).append("</a>");
            }
            html.append("</li>\n");
        }
        html.append(section == null ? "" : "</ul>\n").append("<p><a href=\"")
                .append(escape(properties.selfLink("/feeds.opml"))).append("\">All feeds as OPML</a></p>\n")
                .append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** OPML 2.0: one outline per kind, one per feed under it; no dates, so every instance writes the same. */
    byte[] opml(Map<FeedScope, String> names) {
        Element body = new Element("body");
        Element group = null;
        FeedScope.Kind section = null;
        for (Map.Entry<FeedScope, String> scope : names.entrySet()) {
            if (scope.getKey().kind() != section) {
                section = scope.getKey().kind();
                group = new Element("outline").setAttribute("text", heading(section));
                body.addContent(group);
            }
            for (FeedFormat format : FeedFormat.values()) {
                String title = XmlText.clean(name(scope.getKey(), scope.getValue()) + " (" + format.label() + ")");
                // OPML 2.0 says type "rss" for a subscription whatever the feed's format.
                group.addContent(new Element("outline").setAttribute("type", "rss").setAttribute("text", title)
                        .setAttribute("title", title)
                        .setAttribute("xmlUrl", properties.selfLink(scope.getKey().path(format)))
                        .setAttribute("htmlUrl", properties.siteLink().toString()));
            }
        }
        Element head = new Element("head").addContent(new Element("title")
                .setText(XmlText.clean(properties.siteTitle() + " feeds")));
        Element opml = new Element("opml").setAttribute("version", "2.0").addContent(head).addContent(body);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new XMLOutputter(FORMAT).output(new Document(opml), writer);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    private String name(FeedScope scope, String name) {
        return switch (scope.kind()) {
            case SITE -> properties.siteTitle();
            case TAG -> "#" + name;
            default -> name;
        };
    }

    private static String heading(FeedScope.Kind kind) {
        return switch (kind) {
            case SITE -> "Everything";
            case CATEGORY -> "Categories";
            case TAG -> "Tags";
            case AUTHOR -> "Authors";
        };
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(XmlText.clean(text), StandardCharsets.UTF_8.name());
    }
}
