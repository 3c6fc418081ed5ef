package io.newswire.ingest.article;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The refusals of the article API, as problem details Spring MVC renders as they are. */
final class ArticleProblems {

    private ArticleProblems() {
    }

    static ErrorResponseException notFound(String id) {
        return problem(HttpStatus.NOT_FOUND, "Article not found", "No article with id " + id + ".");
    }

    static ErrorResponseException retracted(String id, long version) {
        ErrorResponseException ex = problem(HttpStatus.GONE, "Article retracted",
                "Article " + id + " was retracted at version " + version + ".");
        ex.getBody().setProperty("version", version);
        return ex;
    }

    static ErrorResponseException staleIfMatch(long current, String ifMatch) {
        ErrorResponseException ex = problem(HttpStatus.PRECONDITION_FAILED, "Stale write",
                "If-Match " + ifMatch + " does not match the current version \"" + current + "\".");
        ex.getBody().setProperty("currentVersion", current);
        return ex;
    }

    static ErrorResponseException staleVersion(long current, long given) {
        ErrorResponseException ex = problem(HttpStatus.CONFLICT, "Stale version",
                "Version " + given + " is not newer than the current version " + current + ".");
        ex.getBody().setProperty("currentVersion", current);
        return ex;
    }

    static ErrorResponseException idempotencyKeyReused() {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                "This Idempotency-Key was already used for a different request.");
    }

    static ErrorResponseException badIdempotencyKey() {
        return problem(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key", "Idempotency-Key must be 1 to 255 characters.");
    }

    static ErrorResponseException badIfMatch(String ifMatch) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid If-Match",
                "If-Match must be a version as an entity tag, like \"3\"; got " + ifMatch + ".");
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(URI.create("about:blank"));
        return new ErrorResponseException(status, body, null);
    }
}
