package io.newswire.feed.feed;

import io.newswire.events.Article;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link FeedView} as JSON Feed 1.1 ({@code application/feed+json}); Rome has no JSON Feed.
 *
 * <p>Members are written in a fixed order and dates as RFC 3339 in UTC, and nothing comes from the
 * clock, so the same articles always give the same bytes. Text goes through {@link XmlText} as in
 * the XML feeds, which also drops lone surrogates that cannot be written as UTF-8.
 */
class JsonFeedRenderer {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    private final FeedProperties properties;
    private final List<URI> hubs;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RenderedItems<byte[]> items;

    JsonFeedRenderer(FeedProperties properties, List<URI> hubs) {
        this.properties = properties;
        this.hubs = List.copyOf(hubs);
        this.items = new RenderedItems<>(FeedRenderer.ITEMS_KEPT_PER_FEED * properties.maxItems());
    }

    /**
     * The document of {@code view}. The items are written once per article version and kept
     * ({@link RenderedItems}), then spliced into the rest of the document, written without them:
     * a busy feed changes with every story, and writing all its items again at each change was most
     * of the work. The bytes are those of {@link #whole}.
     */
    byte[] json(FeedView view) {
        byte[] head = json.writeValueAsBytes(feed(view, List.of()));
        // The items are the last member: the document ends with their empty array and the closing brace.
        int end = head.length - 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + 2048 * view.items().size());
        out.write(head, 0, end);
        for (int i = 0; i < view.items().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.piece(view.items().get(i), article -> json.writeValueAsBytes(item(article))));
        }
        out.write(head, end, 2);
        return out.toByteArray();
    }

    /** {@code view} written in one piece, items and all: what {@link #json} assembles, which it must equal. */
    byte[] whole(FeedView view) {
        return json.writeValueAsBytes(feed(view, view.items().stream().map(JsonFeedRenderer::item).toList()));
    }

    private Map<String, Object> feed(FeedView view, List<Map<String, Object>> items) {
        String feedUrl = properties.selfLink(view.scope().path(FeedFormat.JSON));
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", VERSION);
        feed.put("title", XmlText.clean(view.title()));
        feed.put("home_page_url", properties.siteLink().toString());
        feed.put("feed_url", feedUrl);
        feed.put("description", XmlText.clean(view.description()));
        if (view.hasNextPage()) {
            feed.put("next_url", feedUrl + "?page=" + (view.page() + 1));
        }
        feed.put("authors", List.of(person(properties.siteTitle(), properties.siteLink())));
        feed.put("language", properties.language());
        if (!hubs.isEmpty()) {
            feed.put("hubs", hubs.stream().map(JsonFeedRenderer::hub).toList());
        }
        // Last: json() splices the items in before the document's final "]}".
        feed.put("items", items);
        return feed;
    }

    private static Map<String, Object> item(Article article) {
        Map<String, Object> item = new LinkedHashMap<>();
        // The same id as the guid and the Atom id, so a reader following several formats sees one story.
        item.put("id", "urn:uuid:" + article.id());
        item.put("url", article.url().toString());
        item.put("title", XmlText.clean(article.title()));
        // JSON Feed requires content_html or content_text; an article without a body offers its summary.
        if (article.contentHtml() != null) {
            item.put("content_html", XmlText.clean(article.contentHtml()));
        }
        else {
            item.put("content_text", XmlText.clean(article.summary() != null ? article.summary() : article.title()));
        }
        if (article.summary() != null) {
            item.put("summary", XmlText.clean(article.summary()));
        }
        if (article.leadImage() != null && article.leadImage().url() != null) {
            item.put("image", article.leadImage().url().toString());
        }
        item.put("date_published", article.publishedAt().toString());
        item.put("date_modified", FeedDirectory.changedAt(article).toString());
        if (!article.authors().isEmpty()) {
            item.put("authors", article.authors().stream().map(a -> person(a.name(), a.url())).toList());
        }
        List<String> tags = FeedRenderer.terms(article);
        if (!tags.isEmpty()) {
            item.put("tags", tags);
        }
        if (article.language() != null) {
            item.put("language", article.language());
        }
        return item;
    }

    // Not Map.of: its order changes from one JVM to the next, and two instances must write the same bytes.
    private static Map<String, Object> hub(URI url) {
        Map<String, Object> hub = new LinkedHashMap<>();
        hub.put("type", "WebSub");
        hub.put("url", url.toString());
        return hub;
    }

    private static Map<String, Object> person(String name, URI url) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("name", XmlText.clean(name));
        if (url != null) {
            person.put("url", url.toString());
        }
        return person;
    }
}
