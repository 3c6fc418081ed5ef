package io.newswire.ingest.source;

import io.newswire.ingest.article.CanonicalUrl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON Feed 1.0 and 1.1 (jsonfeed.org) read as a tree, tolerant of the usual deviations. */
class JsonFeedReader {

    private final JsonMapper mapper = JsonMapper.builder().build();

    ParsedFeed read(String text, URI feedUrl) throws FeedParseException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        }
        catch (JacksonException ex) {
            String where = ex.getLocation() == null ? ""
                    : " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr();
            throw new FeedParseException("malformed JSON" + where + ": " + ex.getOriginalMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new FeedParseException("not a JSON Feed: the body is not a JSON object");
        }
        JsonNode items = root.get("items");
        if (items == null || !items.isArray()) {
            throw new FeedParseException("not a JSON Feed: it has no \"items\" array");
        }
        URI home = FeedText.resolve(feedUrl, string(root.get("home_page_url")));
        URI base = home != null ? home : feedUrl;
        List<String> feedAuthors = authors(root);
        List<FeedItem> parsed = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.isObject()) {
                FeedItem feedItem = item(item, base, feedAuthors);
                if (feedItem != null) {
                    parsed.add(feedItem);
                }
            }
        }
        String title = FeedText.plain(string(root.get("title")));
        return new ParsedFeed(title, home, null, parsed);
    }

    private static FeedItem item(JsonNode item, URI base, List<String> feedAuthors) {
        String id = FeedText.collapsed(string(item.get("id")));
        URI link = FeedText.resolve(base, string(item.get("url")));
        if (link == null && id != null) {
            // A few generators put the permalink only in the id.
            link = FeedText.resolve(null, id);
        }
        if (link == null) {
            return null;
        }
        URI canonical = CanonicalUrl.canonicalize(link);
        String summary = FeedText.plain(string(item.get("summary")));
        String contentHtml = string(item.get("content_html"));
        String contentText = FeedText.collapsed(string(item.get("content_text")));
        String title = FeedText.title(FeedText.plain(string(item.get("title"))), summary,
                FeedText.plain(contentHtml), contentText);
        List<String> authors = authors(item);
        URI image = FeedText.resolve(base, string(item.get("image")));
        if (image == null) {
            image = FeedText.resolve(base, string(item.get("banner_image")));
        }
        return new FeedItem(
                id != null ? id : canonical.toString(),
                canonical,
                title,
                summary,
                contentHtml == null || contentHtml.isBlank() ? null : contentHtml,
                authors.isEmpty() ? feedAuthors : authors,
                FeedText.distinct(strings(item.get("tags"))),
                LenientDates.parse(string(item.get("date_published"))),
                LenientDates.parse(string(item.get("date_modified"))),
                image);
    }

    // 1.1 has "authors" (an array); 1.0 had a single "author". Both appear in the wild.
    private static List<String> authors(JsonNode node) {
        List<String> names = new ArrayList<>();
        JsonNode authors = node.get("authors");
        if (authors != null && authors.isArray()) {
            for (JsonNode author : authors) {
                names.add(FeedText.personName(string(author.get("name"))));
            }
        }
        JsonNode author = node.get("author");
        if (names.isEmpty() && author != null && author.isObject()) {
            names.add(FeedText.personName(string(author.get("name"))));
        }
        names.removeIf(name -> name == null);
        return FeedText.distinct(names);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode value : array) {
                String text = string(value);
                if (text != null) {
                    values.add(text);
                }
            }
        }
        return values;
    }

    // Strings as given; numbers as written (ids are numbers in some 1.0 feeds); anything else absent.
    private static String string(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isNumber() ? node.asString() : null;
    }
}
