package io.newswire.ingest.system;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of a 400 for bad fields, wherever it is found (request binding, a batch item, a
 * check a controller makes itself): {@code detail} names the fields and {@code errors} lists each
 * field with its message, so a client fixes every field from one answer.
 */
public final class InvalidFields {

    private InvalidFields() {
    }

    /** One bad field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail problem(List<FieldError> errors) {
        List<String> fields = errors.stream().map(FieldError::field).distinct().toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid field(s): " + String.join(", ", fields));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message()))
                .toList());
        return problem;
    }
}
