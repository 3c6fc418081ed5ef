package io.newswire.ingest.article;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What a newsroom system sends to publish or update an article: the event contract's shape
 * without the fields ingest owns (id, update time). {@code version} is optional: a CMS may send
 * its own revision number, which must then be newer than the one ingest holds.
 */
public record ArticleSubmission(
        @NotBlank @HttpUrl @Size(max = 2048) String url,
        @NotBlank @Size(max = 300) String title,
        @Size(max = 2000) String summary,
        @Size(max = 1_000_000) String contentHtml,
        @Size(max = 20) List<@Valid AuthorSubmission> authors,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> categories,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
        @Size(max = 35) String language,
        Instant publishedAt,
        @Valid LeadImageSubmission leadImage,
        @Positive Long version) {

    public record AuthorSubmission(@NotBlank @Size(max = 200) String name, @HttpUrl @Size(max = 2048) String url) {
    }

    public record LeadImageSubmission(
            @NotBlank @HttpUrl @Size(max = 2048) String url,
            @Size(max = 500) String altText,
            @Size(max = 100) String mediaType,
            @Positive Integer width,
            @Positive Integer height) {
    }
}
