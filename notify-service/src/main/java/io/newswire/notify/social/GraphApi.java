package io.newswire.notify.social;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to one account on a Meta Graph-style API ({@code graph.facebook.com}, {@code graph.instagram.com},
 * {@code graph.threads.net}): {@code /{version}/{node}/{edge}} paths, the token as the documented
 * {@code access_token} parameter (in the form body of a POST, so it stays out of URLs where it can;
 * in the query of a GET or DELETE), JSON answers, and failures read by {@link GraphErrors}. Failure
 * messages name the call by its path only, never its URL, and carry no cause, because the URL of a
 * GET holds the token.
 */
final class GraphApi {

    /** How a publisher waits between two looks at a media container; injectable so tests never wait. */
    @FunctionalInterface
    interface ContainerWait {
        void pause(Duration duration);

        /** Sleeps, as the platforms ask: a container is published only once it is FINISHED. */
        static ContainerWait sleeping() {
            return duration -> {
                try {
                    Thread.sleep(duration.toMillis());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new SocialFailure(SocialFailure.Kind.TRANSIENT, "interrupted while waiting for a media container");
                }
            };
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final Clock clock;
    private final URI base;
    private final String version;
    private final String token;

    GraphApi(RestClient http, Clock clock, URI base, String version, String token) {
        this.http = http;
        this.clock = clock;
        this.base = base;
        this.version = version;
        this.token = token;
    }

    /** POSTs form parameters (plus {@code access_token}) to {@code /{version}/{segments...}}; the JSON answer. */
    JsonNode post(Map<String, String> parameters, String... segments) {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        form.put("access_token", token);
        String what = "POST " + path(segments);
        Answer answer = call(HttpMethod.POST, uri(Map.of(), segments), encode(form), what);
        return json(answer, what);
    }

    /** GETs {@code fields} of a node. */
    JsonNode get(String fields, String... segments) {
        String what = "GET " + path(segments);
        return json(call(HttpMethod.GET, uri(Map.of("fields", fields, "access_token", token), segments), null, what), what);
    }

    /** DELETEs a node; a node already gone counts as deleted. */
    void delete(String... segments) {
        String what = "DELETE " + path(segments);
        Answer answer = call(HttpMethod.DELETE, uri(Map.of("access_token", token), segments), null, what);
        if (!answer.ok() && !GraphErrors.objectGone(answer.status(), answer.body())) {
            throw GraphErrors.failure(answer.status(), answer.headers(), answer.body(), what, clock, token);
        }
    }

    /**
     * Looks at a media container until its {@code statusField} is FINISHED, at most {@code checks}
     * times with {@code interval} between looks. ERROR is a refusal (the same media would fail again);
     * still in progress after the last look, or EXPIRED, is transient: the dispatcher tries the
     * whole post again later, with a fresh container (an unpublished one expires after 24 hours).
     */
    void awaitFinished(String containerId, String statusField, int checks, Duration interval, ContainerWait wait) {
        String last = "";
        for (int check = 1; check <= checks; check++) {
            JsonNode container = get(statusField + (statusField.equals("status") ? ",error_message" : ",status"), containerId);
            last = container.path(statusField).asString("");
            switch (last) {
                case "FINISHED", "PUBLISHED" -> {
                    return;
                }
                case "ERROR" -> throw new SocialFailure(SocialFailure.Kind.REJECTED, "media container " + containerId
                        + " failed: " + container.path(statusField.equals("status") ? "error_message" : "status").asString(""));
                case "EXPIRED" -> throw new SocialFailure(SocialFailure.Kind.TRANSIENT, "media container " + containerId + " expired");
                default -> {
                    if (check < checks) {
                        wait.pause(interval);
                    }
                }
            }
        }
        throw new SocialFailure(SocialFailure.Kind.TRANSIENT,
                "media container " + containerId + " still " + (last.isEmpty() ? "not ready" : last) + " after " + checks + " checks");
    }

    private JsonNode json(Answer answer, String what) {
        if (!answer.ok()) {
            throw GraphErrors.failure(answer.status(), answer.headers(), answer.body(), what, clock, token);
        }
        try {
            return JSON.readTree(answer.body());
        }
        catch (RuntimeException ex) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " answered " + answer.status() + " without JSON");
        }
    }

    private Answer call(HttpMethod method, URI uri, String form, String what) {
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(uri).accept(MediaType.APPLICATION_JSON);
            if (form != null) {
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form);
            }
            return request.exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders(),
                    res.getBody().readAllBytes()));
        }
        catch (RestClientException ex) {
            // Not ex's message, nor ex as the cause: both hold the URL, and a GET's URL holds the token.
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " could not be reached ("
                    + (ex.getMostSpecificCause().getClass().getSimpleName()) + ")");
        }
    }

    private URI uri(Map<String, String> query, String... segments) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(base).pathSegment(version).pathSegment(segments);
        query.forEach((name, value) -> builder.queryParam(name, "{" + name + "}"));
        return builder.encode().buildAndExpand(query).toUri();
    }

    private String path(String... segments) {
        return "/" + version + "/" + String.join("/", segments);
    }

    private static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    private record Answer(int status, HttpHeaders headers, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
