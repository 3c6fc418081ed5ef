package io.newswire.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * The authenticated caller of an API request: its configured name (what logs and idempotency keys
 * are scoped by, never the key itself) and what it may do.
 */
public record ApiClient(String name, Set<String> scopes) {

    private static final String ATTRIBUTE = ApiClient.class.getName();

    /** The client the API key filter authenticated for this request. */
    public static ApiClient of(HttpServletRequest request) {
        ApiClient client = boundTo(request);
        if (client == null) {
            throw new IllegalStateException("No authenticated API client on " + request.getRequestURI());
        }
        return client;
    }

    /** The client authenticated for this request, or {@code null} when its path is not protected. */
    static ApiClient boundTo(HttpServletRequest request) {
        return (ApiClient) request.getAttribute(ATTRIBUTE);
    }

    void bindTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
