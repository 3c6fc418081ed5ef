package io.newswire.ingest.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * The authenticated caller of a write API request: its configured name (what logs and
 * idempotency keys are scoped by, never the key itself) and what it may do.
 */
public record ApiClient(String name, Set<String> scopes) {

    private static final String ATTRIBUTE = ApiClient.class.getName();

    /** The client the {@code ApiKeyFilter} authenticated for this request. */
    public static ApiClient of(HttpServletRequest request) {
        ApiClient client = (ApiClient) request.getAttribute(ATTRIBUTE);
        if (client == null) {
            throw new IllegalStateException("No authenticated API client on " + request.getRequestURI());
        }
        return client;
    }

    void bindTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
