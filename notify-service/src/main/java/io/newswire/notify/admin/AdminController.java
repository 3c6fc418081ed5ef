package io.newswire.notify.admin;

import io.newswire.apikeys.RequiresScope;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' API: subscriber and delivery counts, and notify's dead letters with a way to
 * replay one. Every endpoint needs a key with the {@code newsletter:admin} scope (the api-keys
 * module guards {@code /api/v1/admin/*}); errors are RFC 9457 problem details.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

    static final String SCOPE = "newsletter:admin";

    private final NewsletterStatistics statistics;
    private final DeadLetters deadLetters;

    AdminController(NewsletterStatistics statistics, DeadLetters deadLetters) {
        this.statistics = statistics;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/subscribers")
    @RequiresScope(SCOPE)
    NewsletterStatistics.SubscriberCounts subscribers() {
        return statistics.subscribers();
    }

    @GetMapping("/articles/{articleId}/deliveries")
    @RequiresScope(SCOPE)
    NewsletterStatistics.DeliveryCounts deliveries(@PathVariable String articleId) {
        return statistics.deliveries(articleId).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "Unknown article",
                "Notify has no story and no delivery for article " + articleId + "."));
    }

    @GetMapping("/dead-letters")
    @RequiresScope(SCOPE)
    DeadLetters.Listing deadLetters() {
        return deadLetters.list();
    }

    @PostMapping("/dead-letters/{topic}/{partition}/{offset}/replay")
    @RequiresScope(SCOPE)
    ResponseEntity<DeadLetters.Replayed> replay(@PathVariable String topic, @PathVariable int partition,
            @PathVariable long offset) {
        if (!DeadLetters.isDeadLetterTopic(topic)) {
            throw problem(HttpStatus.BAD_REQUEST, "Not a dead-letter topic",
                    "Only records on topics ending in '" + DeadLetters.SUFFIX + "' can be replayed.");
        }
        return ResponseEntity.accepted().body(deadLetters.replay(topic, partition, offset));
    }

    @ExceptionHandler
    ProblemDetail notFound(DeadLetters.NotFoundException ex) {
        return detail(HttpStatus.NOT_FOUND, "No such dead letter", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notReplayable(DeadLetters.NotReplayableException ex) {
        return detail(HttpStatus.CONFLICT, "Not replayable", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidTopic(InvalidTopicException ex) {
        return detail(HttpStatus.BAD_REQUEST, "Invalid topic", ex.getMessage());
    }

    /** The broker is down or slow (timeouts are KafkaExceptions too): try again later. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> brokerUnavailable(KafkaException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "10")
                .body(detail(HttpStatus.SERVICE_UNAVAILABLE, "Broker unavailable", ex.getMessage()));
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        return new ErrorResponseException(status, detail(status, title, detail), null);
    }

    private static ProblemDetail detail(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
