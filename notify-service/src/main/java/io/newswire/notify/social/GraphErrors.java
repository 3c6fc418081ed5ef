package io.newswire.notify.social;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How Meta's Graph-style APIs (Facebook Pages, Instagram, Threads) say no: a JSON body
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}} whose {@code code} matters
 * more than the HTTP status, which is 400 for most errors, an expired token included. Codes follow
 * https://developers.facebook.com/docs/graph-api/guides/error-handling and the rate-limit codes of
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting.
 */
final class GraphErrors {

    /** Application (4), user (17), Page (32), custom (613) and business use case (80001-80014) throttling. */
    private static final Set<Integer> RATE_LIMITED = Set.of(4, 17, 32, 613);
    /** Expired or invalid token (190), session (102), missing permission (10, 200-299). */
    private static final Set<Integer> UNAUTHORIZED = Set.of(190, 102, 10);
    /** "Duplicate status message": the same text was posted to the feed moments ago. */
    private static final int DUPLICATE_POST = 506;
    /** "Unsupported delete request": the object does not exist (any more), subcode 33 of code 100. */
    private static final int NO_SUCH_OBJECT_SUBCODE = 33;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphErrors() {
    }

    /**
     * The failure a Graph error answer means.
     *
     * @param what   the call, e.g. {@code "POST /{page-id}/feed"}
     * @param secret the access token, removed from the platform's message should it echo it back
     *               ("Malformed access token ..." does)
     */
    static SocialFailure failure(int status, HttpHeaders headers, byte[] body, String what, Clock clock, String secret) {
        JsonNode error = error(body);
        if (error == null) {
            return PlatformResponses.failure(status, headers, what, clock);
        }
        int code = error.path("code").asInt(0);
        String message = what + " answered " + status + ": (#" + code + ") " + redact(error.path("message").asString(""), secret);
        if (status == 429 || RATE_LIMITED.contains(code) || (code >= 80001 && code <= 80014)) {
            Duration retryAfter = PlatformResponses.retryAfter(headers, clock);
            return SocialFailure.rateLimited(message, retryAfter != null ? retryAfter : regainAccess(headers));
        }
        if (UNAUTHORIZED.contains(code) || (code >= 200 && code <= 299) || status == 401) {
            return new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, message);
        }
        if (code == DUPLICATE_POST) {
            return SocialFailure.duplicate(message, null);
        }
        if (code == 1 || code == 2 || error.path("is_transient").asBoolean(false) || status >= 500) {
            return new SocialFailure(SocialFailure.Kind.TRANSIENT, message);
        }
        return new SocialFailure(status == 403 ? SocialFailure.Kind.UNAUTHORIZED : SocialFailure.Kind.REJECTED, message);
    }

    /** Whether an answer to a DELETE says the object is not there: a post already gone counts as deleted. */
    static boolean objectGone(int status, byte[] body) {
        if (status == 404) {
            return true;
        }
        JsonNode error = error(body);
        return error != null && error.path("code").asInt(0) == 100
                && error.path("error_subcode").asInt(0) == NO_SUCH_OBJECT_SUBCODE;
    }

    /**
     * The wait Meta announces in {@code X-Business-Use-Case-Usage}: per business, a list of usages
     * each with {@code estimated_time_to_regain_access} in minutes; the longest one counts.
     */
    static Duration regainAccess(HttpHeaders headers) {
        String usage = headers.getFirst("X-Business-Use-Case-Usage");
        if (usage == null || usage.isBlank()) {
            return null;
        }
        try {
            long minutes = 0;
            for (JsonNode business : JSON.readTree(usage)) {
                for (JsonNode entry : business) {
                    minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
                }
            }
            return minutes > 0 ? Duration.ofMinutes(minutes) : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    static String redact(String text, String secret) {
        String redacted = secret == null || secret.isEmpty() ? text : text.replace(secret, "[redacted]");
        return redacted.length() > 300 ? redacted.substring(0, 300) + "…" : redacted;
    }

    private static JsonNode error(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isObject() ? error : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }
}
