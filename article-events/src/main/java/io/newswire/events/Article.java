package io.newswire.events;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The full state of one article at one version: the value of every record on
 * {@link ArticleTopic#NAME}. Each record carries the whole snapshot, never a diff, so a compacted
 * topic holds the current state of every article and a consumer can rebuild from it alone.
 *
 * <p>The JSON form is described by {@code io/newswire/events/article.schema.json} in this module.
 * Consumers must ignore fields they do not know, so the schema can grow without breaking them.
 *
 * @param id          stable identity of the article (a UUID), also the record key
 * @param version     grows with every change; consumers drop a snapshot older than one they hold
 * @param url         canonical URL of the story on the publisher's site
 * @param title       plain-text headline
 * @param summary     plain-text standfirst, may be empty
 * @param contentHtml sanitized body HTML with absolute URLs
 * @param authors     bylines, in order
 * @param categories  section names, in order of importance
 * @param tags        free tags
 * @param language    BCP 47 language tag, e.g. {@code en}, {@code kk}
 * @param publishedAt first publication time
 * @param updatedAt   time of the change this snapshot records
 * @param leadImage   the story's main image, or {@code null}
 */
public record Article(
        String id,
        long version,
        URI url,
        String title,
        String summary,
        String contentHtml,
        List<Author> authors,
        List<String> categories,
        List<String> tags,
        String language,
        Instant publishedAt,
        Instant updatedAt,
        LeadImage leadImage) {

    public Article {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A byline: the name as printed, and an optional author page. */
    public record Author(String name, URI url) {
    }

    /** The lead image; width and height in pixels when known. */
    public record LeadImage(URI url, String altText, String mediaType, Integer width, Integer height) {
    }
}
