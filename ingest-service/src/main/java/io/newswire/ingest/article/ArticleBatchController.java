package io.newswire.ingest.article;

import io.newswire.apikeys.ApiClient;
import io.newswire.apikeys.RequiresScope;
import io.newswire.ingest.system.InvalidFields;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Up to 100 articles in one request, for a CMS catching up: each item succeeds or fails on its
 * own, exactly as if it had been posted alone, and the answer lists every item's outcome.
 */
@RestController
@RequestMapping("/api/v1")
class ArticleBatchController {

    static final int MAX_ITEMS = 100;

    private final ArticleEditor editor;
    private final Validator validator;

    ArticleBatchController(ArticleEditor editor, Validator validator) {
        this.editor = editor;
        this.validator = validator;
    }

    /** The items are validated one by one (not with {@code @Valid}), so one bad item refuses only itself. */
    record BatchRequest(@NotNull @Size(min = 1, max = MAX_ITEMS) List<ArticleSubmission> articles) {
    }

    /** One item's outcome: its HTTP status as if posted alone, and the result or the problem. */
    record ItemResult(int index, int status, ArticleAccepted result, ProblemDetail problem) {
    }

    record BatchResponse(List<ItemResult> results) {
    }

    @PostMapping(path = "/articles:batch", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope("articles:write")
    BatchResponse publishAll(@Valid @RequestBody BatchRequest batch, HttpServletRequest request) {
        ApiClient client = ApiClient.of(request);
        List<ItemResult> results = new ArrayList<>();
        boolean brokerDown = false;
        for (int i = 0; i < batch.articles().size(); i++) {
            ArticleSubmission item = batch.articles().get(i);
            ProblemDetail invalid = item == null
                    ? InvalidFields.problem(List.of(new InvalidFields.FieldError("", "must not be null")))
                    : violations(validator.validate(item));
            if (invalid != null) {
                results.add(new ItemResult(i, 400, null, invalid));
            }
            else if (brokerDown) {
                // Do not make the client wait out the broker's timeout once per remaining item.
                results.add(new ItemResult(i, 503, null, BrokerUnavailableAdvice.problem()));
            }
            else {
                try {
                    WriteResult result = editor.publish(client, null, item);
                    results.add(new ItemResult(i, result.status(), result.body(), null));
                }
                catch (ErrorResponseException ex) {
                    results.add(new ItemResult(i, ex.getStatusCode().value(), null, ex.getBody()));
                }
                catch (BrokerUnavailableException ex) {
                    brokerDown = true;
                    results.add(new ItemResult(i, 503, null, BrokerUnavailableAdvice.problem()));
                }
            }
        }
        return new BatchResponse(results);
    }

    private static ProblemDetail violations(Set<ConstraintViolation<ArticleSubmission>> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        return InvalidFields.problem(violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new InvalidFields.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
    }
}
