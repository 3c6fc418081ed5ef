package io.newswire.ingest.source;

import io.newswire.apikeys.RequiresScope;
import io.newswire.ingest.article.CanonicalUrl;
import io.newswire.ingest.system.InvalidFields;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Manages the feeds ingest polls, and shows each one's polling state. */
@RestController
@RequestMapping("/api/v1/sources")
class SourceController {

    private final FeedSources sources;
    private final SourceProperties properties;
    private final AddressGuard guard;

    SourceController(FeedSources sources, SourceProperties properties) {
        this.sources = sources;
        this.properties = properties;
        this.guard = new AddressGuard(properties.fetchPolicy(), java.net.InetAddress::getAllByName);
    }

    /**
     * What a newsroom sends to add a feed.
     *
     * @param url               the feed's absolute http(s) URL
     * @param pollInterval      ISO-8601 duration, e.g. {@code PT15M}; at least the configured minimum
     * @param defaultCategories categories every item of this feed gets
     */
    record NewSource(@NotBlank @Size(max = 2048) String url, Duration pollInterval,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> defaultCategories) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("sources:write")
    ResponseEntity<FeedSource> add(@Valid @RequestBody NewSource request) {
        URI url = feedUrl(request.url());
        Duration interval = request.pollInterval() == null ? properties.defaultInterval() : request.pollInterval();
        if (interval.compareTo(properties.minInterval()) < 0 || interval.compareTo(properties.maxInterval()) > 0) {
            throw invalid("pollInterval", "must be between " + properties.minInterval() + " and " + properties.maxInterval());
        }
        FeedSource source = sources.add(url, interval, request.defaultCategories() == null ? List.of() : request.defaultCategories())
                .orElseThrow(() -> problem(HttpStatus.CONFLICT, "Source exists",
                        "This feed is already a source: " + sources.findByUrl(url).map(FeedSource::id).orElse("?")));
        return ResponseEntity.created(URI.create("/api/v1/sources/" + source.id())).body(source);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("sources:read")
    List<FeedSource> all() {
        return sources.all();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("sources:read")
    FeedSource one(@PathVariable String id) {
        return sources.find(knownShape(id)).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    @RequiresScope("sources:write")
    ResponseEntity<Void> remove(@PathVariable String id) {
        if (!sources.remove(knownShape(id))) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** An absolute http(s) URL whose host resolves only to addresses the policy allows: no SSRF through sources. */
    private URI feedUrl(String value) {
        URI url;
        try {
            url = CanonicalUrl.canonicalize(new URI(value.strip()));
        }
        catch (URISyntaxException | IllegalArgumentException ex) {
            throw invalid("url", "must be an absolute http or https URL");
        }
        if (!url.isAbsolute() || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw invalid("url", "must be an absolute http or https URL");
        }
        try {
            guard.check(url);
        }
        catch (FetchException ex) {
            throw invalid("url", "is not allowed: " + ex.getMessage());
        }
        return url;
    }

    private static String knownShape(String id) {
        try {
            return UUID.fromString(id).toString();
        }
        catch (IllegalArgumentException ex) {
            throw notFound(id);
        }
    }

    private static ErrorResponseException notFound(String id) {
        return problem(HttpStatus.NOT_FOUND, "Source not found", "No source with id " + id + ".");
    }

    private static ErrorResponseException invalid(String field, String message) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                InvalidFields.problem(List.of(new InvalidFields.FieldError(field, message))), null);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return new ErrorResponseException(status, body, null);
    }
}
