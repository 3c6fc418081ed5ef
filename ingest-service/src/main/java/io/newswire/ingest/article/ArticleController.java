package io.newswire.ingest.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The push API newsroom systems call when a story goes live. */
@RestController
@RequestMapping("/api/v1/articles")
class ArticleController {

    private final ArticleAssembler assembler;
    private final ArticleEventPublisher publisher;

    ArticleController(ArticleAssembler assembler, ArticleEventPublisher publisher) {
        this.assembler = assembler;
        this.publisher = publisher;
    }

    /** Answers 202 only after the broker acknowledged the event: an accepted article is never lost. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ArticleAccepted> publish(@Valid @RequestBody ArticleSubmission submission) {
        Article article = assembler.firstVersion(submission);
        String eventId = publisher.publish(ArticleEventType.PUBLISHED, article);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/articles/" + article.id()))
                .body(new ArticleAccepted(article.id(), article.version(), ArticleEventType.PUBLISHED.ceType(),
                        eventId, article.url()));
    }

    /** The answer to an accepted article: its identity and the event that carried it. */
    record ArticleAccepted(String id, long version, String eventType, String eventId, URI url) {
    }
}
