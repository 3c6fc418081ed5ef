package io.newswire.notify.social;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A platform's answer to one call, whatever its status: adapters read their platform's own
 * signals from it before falling back to {@link PlatformResponses#failure}. Sending never throws
 * on a status; a timeout or a lost connection becomes a {@link SocialFailure.Kind#TRANSIENT}.
 */
record PlatformAnswer(int status, HttpHeaders headers, String body) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Sends the request and reads the whole answer.
     *
     * @param what names the call in failures ({@code "POST sendMessage"}); the exception of the
     *             HTTP client is dropped on purpose, because its message holds the request URL,
     *             which for Telegram holds the bot token
     */
    static PlatformAnswer send(RestClient.RequestHeadersSpec<?> request, String what) {
        try {
            return request.exchange((req, res) -> new PlatformAnswer(res.getStatusCode().value(),
                    HttpHeaders.copyOf(res.getHeaders()), new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)),
                    true);
        }
        catch (ResourceAccessException | UncheckedIOException ex) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " failed: " + rootName(ex));
        }
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON, or a missing node when it is empty or not JSON (an HTML error page from a proxy). */
    JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        }
        catch (JacksonException ex) {
            return MissingNode.getInstance();
        }
    }

    static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    // The class of what went wrong (HttpTimeoutException, ConnectException), never its message.
    private static String rootName(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof IOException || root != ex ? root.getClass().getSimpleName() : ex.getClass().getSimpleName();
    }
}
