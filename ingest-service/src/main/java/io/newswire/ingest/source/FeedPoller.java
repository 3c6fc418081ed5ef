package io.newswire.ingest.source;

import io.newswire.apikeys.ApiClient;
import io.newswire.ingest.article.ArticleEditor;
import io.newswire.ingest.article.ArticleSubmission;
import io.newswire.ingest.article.WriteResult;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Polls due sources and turns their items into article writes through the same
 * {@link ArticleEditor} the push API uses: a new item is published, a changed one updated, an
 * unchanged one (every item on every poll after the first, also after a restart) publishes
 * nothing. Items that drop out of a feed are left alone: a feed is a window, not a list of what
 * exists. A poll that fails part-way records the failure and keeps no validators, so the next
 * poll fetches the whole feed again and nothing is skipped.
 */
class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
    private static final int MAX_TITLE = 300;

    private final FeedSources sources;
    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final ArticleEditor editor;
    private final Validator validator;
    private final SourceProperties properties;
    private final Clock clock;

    FeedPoller(FeedSources sources, FeedFetcher fetcher, FeedParser parser, ArticleEditor editor, Validator validator,
            SourceProperties properties, Clock clock) {
        this.sources = sources;
        this.fetcher = fetcher;
        this.parser = parser;
        this.editor = editor;
        this.validator = validator;
        this.properties = properties;
        this.clock = clock;
    }

    /** Polls every source that is due now, a batch at a time. */
    void pollDue() {
        List<FeedSource> due;
        do {
            due = sources.takeDue(properties.batchSize(), properties.lease());
            due.forEach(this::poll);
        }
        while (due.size() == properties.batchSize());
    }

    void poll(FeedSource source) {
        Duration interval = source.pollInterval().compareTo(properties.maxInterval()) > 0 ? properties.maxInterval() : source.pollInterval();
        PollSchedule schedule = new PollSchedule(clock, interval, properties.maxInterval());
        try {
            FetchResult result = fetcher.fetch(source.url(), source.etag(), source.lastModified());
            if (result.notModified()) {
                sources.recordSuccess(source.id(), result.status(), source.etag(), source.lastModified(),
                        schedule.afterSuccess(result.maxAge(), null));
                return;
            }
            ParsedFeed feed = parser.parse(result.body(), result.contentType(), result.finalUrl());
            int published = 0;
            for (FeedItem item : feed.items()) {
                if (importItem(source, item)) {
                    published++;
                }
            }
            sources.recordSuccess(source.id(), result.status(), result.etag(), result.lastModified(),
                    schedule.afterSuccess(result.maxAge(), feed.ttl()));
            log.info("Polled source {}: {} items, {} events published", source.id(), feed.items().size(), published);
        }
        catch (FetchException ex) {
            failed(source, schedule, ex.status() == 0 ? null : ex.status(), ex.kind() + ": " + ex.getMessage(), ex.retryAfter());
        }
        catch (FeedParseException ex) {
            failed(source, schedule, 200, "unreadable feed: " + ex.getMessage(), null);
        }
        catch (RuntimeException ex) {
            // The broker or the database failed mid-poll: try the whole feed again later.
            failed(source, schedule, null, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
        }
    }

    /** One item to one article write; true when it published an event. */
    private boolean importItem(FeedSource source, FeedItem item) {
        ArticleSubmission submission = submission(item, source.defaultCategories());
        Set<ConstraintViolation<ArticleSubmission>> violations = validator.validate(submission);
        if (!violations.isEmpty()) {
            log.warn("Skipping item {} of source {}: {}", item.key(), source.id(), violations.iterator().next().getPropertyPath()
                    + " " + violations.iterator().next().getMessage());
            return false;
        }
        ApiClient client = new ApiClient("source:" + source.id(), Set.of());
        Optional<String> known = sources.articleFor(source.id(), item.key());
        WriteResult result;
        try {
            result = known.isPresent()
                    ? editor.update(client, null, known.get(), null, submission)
                    : editor.publish(client, null, submission);
        }
        catch (ErrorResponseException ex) {
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.GONE)) {
                // Retracted through the API: the feed still listing it must not bring it back.
                return false;
            }
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                result = editor.publish(client, null, submission);
            }
            else {
                throw ex;
            }
        }
        sources.rememberItem(source.id(), item.key(), result.body().id());
        return result.published();
    }

    private void failed(FeedSource source, PollSchedule schedule, Integer status, String error, Duration retryAfter) {
        int errors = source.consecutiveErrors() + 1;
        sources.recordFailure(source.id(), status, error, errors, schedule.afterError(errors, retryAfter));
        log.warn("Polling source {} failed ({} in a row): {}", source.id(), errors, error);
    }

    static ArticleSubmission submission(FeedItem item, List<String> defaultCategories) {
        Set<String> categories = new LinkedHashSet<>(item.categories());
        categories.addAll(defaultCategories);
        String title = item.title().strip();
        if (title.length() > MAX_TITLE) {
            title = title.substring(0, MAX_TITLE - 1).strip() + "…";
        }
        return new ArticleSubmission(
                item.link().toString(),
                title,
                item.summary(),
                item.contentHtml(),
                item.authors().stream().map(name -> new ArticleSubmission.AuthorSubmission(name, null)).toList(),
                List.copyOf(categories),
                List.of(),
                null,
                // A feed that gives only an update time: the first time seen is the best we know.
                item.published() != null ? item.published() : item.updated(),
                item.imageUrl() == null ? null
                        : new ArticleSubmission.LeadImageSubmission(item.imageUrl().toString(), null, null, null, null),
                null);
    }
}
