package io.newswire.ingest.article;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A broker that does not acknowledge is a temporary condition: 503 with a hint when to retry. */
@RestControllerAdvice
class BrokerUnavailableAdvice {

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem());
    }

    /** The problem of an article the broker did not take; also one item's outcome in a batch. */
    static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The article was not published because the event broker is unavailable. Retry the same request later.");
        problem.setTitle("Broker unavailable");
        return problem;
    }
}
