package io.newswire.ingest.article;

import io.newswire.apikeys.ApiClient;
import io.newswire.apikeys.RequiresScope;
import io.newswire.events.Article;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The push API newsroom systems call: publish, update, retract and read articles. Every write
 * answers only after the broker acknowledged its event (202), or with the original result when
 * it changes nothing (200); no write ever publishes more than one event.
 */
@RestController
@RequestMapping("/api/v1/articles")
class ArticleController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ArticleEditor editor;

    ArticleController(ArticleEditor editor) {
        this.editor = editor;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("articles:write")
    ResponseEntity<ArticleAccepted> publish(@Valid @RequestBody ArticleSubmission submission,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest request) {
        return answer(editor.publish(ApiClient.of(request), checked(idempotencyKey), submission));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("articles:write")
    ResponseEntity<ArticleAccepted> update(@PathVariable String id, @Valid @RequestBody ArticleSubmission submission,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest request) {
        return answer(editor.update(ApiClient.of(request), checked(idempotencyKey), knownShape(id), ifMatch, submission));
    }

    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("articles:write")
    ResponseEntity<ArticleAccepted> retract(@PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest request) {
        return answer(editor.retract(ApiClient.of(request), checked(idempotencyKey), knownShape(id), ifMatch));
    }

    /** The latest state ingest knows; its ETag is the version, for If-Match on the next write. */
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("articles:read")
    ResponseEntity<Article> get(@PathVariable String id) {
        StoredArticle stored = editor.find(knownShape(id)).orElseThrow(() -> ArticleProblems.notFound(id));
        if (stored.retracted()) {
            throw ArticleProblems.retracted(id, stored.article().version());
        }
        return ResponseEntity.ok().eTag("\"" + stored.article().version() + "\"").body(stored.article());
    }

    private static ResponseEntity<ArticleAccepted> answer(WriteResult result) {
        return ResponseEntity.status(result.status())
                .location(URI.create("/api/v1/articles/" + result.body().id()))
                .eTag("\"" + result.body().version() + "\"")
                .body(result.body());
    }

    /**
     * Checked here rather than with {@code @Size} and a class-level {@code @Validated}: that proxy
     * validated every request body a second time, after {@code @Valid} had.
     */
    private static String checked(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 255)) {
            throw ArticleProblems.badIdempotencyKey();
        }
        return idempotencyKey;
    }

    /** Ids are UUIDs; anything else cannot name an article. */
    private static String knownShape(String id) {
        try {
            return UUID.fromString(id).toString();
        }
        catch (IllegalArgumentException ex) {
            throw ArticleProblems.notFound(id);
        }
    }
}
