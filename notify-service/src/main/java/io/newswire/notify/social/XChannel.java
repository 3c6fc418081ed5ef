package io.newswire.notify.social;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a story on X through API v2 (https://docs.x.com/x-api/posts/create-post):
 * {@code POST /2/tweets} with the JSON body {@code {"text": ...}}, authorized as the account's user
 * with OAuth 1.0a ({@link OAuth1Signer}), answered {@code 201 {"data":{"id","text"}}}.
 *
 * <p>X's own signals: a 429 carries {@code x-rate-limit-reset} (epoch seconds) and, when the 24-hour
 * cap is the one reached, {@code x-user-limit-24hour-reset} / {@code x-app-limit-24hour-reset}
 * (https://docs.x.com/fundamentals/rate-limits); the wait is until the latest exhausted window resets
 * (or {@code Retry-After}, should X send it). The same text twice is a 403 whose {@code detail} is
 * "You are not allowed to create a Tweet with duplicate content." — a {@link SocialFailure.Kind#DUPLICATE},
 * not an authorization problem; X does not say which post it duplicates.
 *
 * <p>Reads from the {@link SocialAccount}: credentials {@code api-key}, {@code api-secret}
 * (the app's consumer key pair), {@code access-token}, {@code access-token-secret} (the account's
 * user token pair, with write permission); setting {@code handle} (the account's name without '@',
 * used in post URLs; without it the URL is {@code https://x.com/i/web/status/{id}}). {@code apiBase}
 * defaults to {@code https://api.x.com}.
 *
 * <p>Retractions delete the post ({@code DELETE /2/tweets/{id}}); X has no edit in the API.
 */
@Component
public class XChannel implements SocialChannel {

    static final URI DEFAULT_BASE = URI.create("https://api.x.com");
    static final String DUPLICATE_DETAIL = "duplicate content";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;
    private final RestClient http;
    private final OAuth1Signer signer;

    @Autowired
    public XChannel(Clock clock) {
        this(clock, OAuth1Signer::randomNonce);
    }

    XChannel(Clock clock, Supplier<String> nonces) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
        this.signer = new OAuth1Signer(clock, nonces);
    }

    @Override
    public Network network() {
        return Network.X;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        String what = "POST /2/tweets";
        Answer answer = call(account, HttpMethod.POST, "/2/tweets", JSON.writeValueAsString(Map.of("text", post.text())), what);
        if (!answer.ok()) {
            throw failure(answer, what);
        }
        String id = json(answer).path("data").path("id").asString("");
        if (id.isEmpty()) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " answered " + answer.status() + " without data.id");
        }
        String handle = account.settings().getOrDefault("handle", "").strip();
        String owner = handle.isEmpty() ? "i/web" : handle.startsWith("@") ? handle.substring(1) : handle;
        return new PublishedPost(id, URI.create("https://x.com/" + owner + "/status/" + id));
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        String what = "DELETE /2/tweets/" + published.id();
        Answer answer = call(account, HttpMethod.DELETE, "/2/tweets/" + published.id(), null, what);
        if (!answer.ok() && answer.status() != 404) {
            throw failure(answer, what);
        }
    }

    private Answer call(SocialAccount account, HttpMethod method, String path, String json, String what) {
        OAuth1Signer.Credentials credentials = new OAuth1Signer.Credentials(account.credential("api-key"),
                account.credential("api-secret"), account.credential("access-token"),
                account.credential("access-token-secret"));
        URI uri = UriComponentsBuilder.fromUri(account.apiBase() != null ? account.apiBase() : DEFAULT_BASE)
                .path(path).build().encode().toUri();
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, signer.authorization(method.name(), uri, Map.of(), credentials))
                    .accept(MediaType.APPLICATION_JSON);
            if (json != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json);
            }
            return request.exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders(),
                    res.getBody().readAllBytes()));
        }
        catch (RestClientException ex) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT,
                    what + " could not be reached (" + ex.getMostSpecificCause().getClass().getSimpleName() + ")");
        }
    }

    private SocialFailure failure(Answer answer, String what) {
        JsonNode body = json(answer);
        String detail = body.path("detail").asString(body.path("title").asString(""));
        String message = what + " answered " + answer.status() + (detail.isEmpty() ? "" : ": " + GraphErrors.redact(detail, null));
        if (answer.status() == 429) {
            Duration retryAfter = PlatformResponses.retryAfter(answer.headers(), clock);
            return SocialFailure.rateLimited(message, retryAfter != null ? retryAfter : resetWait(answer.headers()));
        }
        if (answer.status() == 403 && detail.contains(DUPLICATE_DETAIL)) {
            return SocialFailure.duplicate(message, null);
        }
        SocialFailure generic = PlatformResponses.failure(answer.status(), answer.headers(), what, clock);
        return new SocialFailure(generic.kind(), message, generic.retryAfter(), null, null);
    }

    /**
     * Until the latest exhausted window resets: the 15-minute window always, the 24-hour user and app
     * windows when their remaining count is 0 (otherwise they are not what stopped us).
     */
    private Duration resetWait(HttpHeaders headers) {
        Instant until = epoch(headers.getFirst("x-rate-limit-reset"));
        for (String window : new String[] {"x-user-limit-24hour", "x-app-limit-24hour"}) {
            Instant reset = epoch(headers.getFirst(window + "-reset"));
            if (reset != null && "0".equals(headers.getFirst(window + "-remaining"))
                    && (until == null || reset.isAfter(until))) {
                until = reset;
            }
        }
        if (until == null) {
            return null;
        }
        Duration wait = Duration.between(clock.instant(), until);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Instant epoch(String value) {
        if (value == null || value.isBlank() || !value.strip().chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(value.strip()));
    }

    private static JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body().length == 0 ? "{}".getBytes() : answer.body());
        }
        catch (RuntimeException ex) {
            return JSON.createObjectNode();
        }
    }

    private record Answer(int status, HttpHeaders headers, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
