package io.newswire.notify.social;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Posts stories to a Mastodon account
 * (<a href="https://docs.joinmastodon.org/methods/statuses/#create">POST /api/v1/statuses</a>,
 * <a href="https://docs.joinmastodon.org/methods/statuses/#edit">PUT /api/v1/statuses/:id</a>,
 * <a href="https://docs.joinmastodon.org/methods/statuses/#delete">DELETE /api/v1/statuses/:id</a>,
 * <a href="https://docs.joinmastodon.org/methods/instance/#v2">GET /api/v2/instance</a>).
 *
 * <p>Reads from {@link SocialAccount}: {@code apiBase} is the instance (e.g. {@code https://mastodon.social});
 * credential {@code access-token} (an app token with {@code write:statuses}); no settings.
 *
 * <p>Every post carries the story's {@code Idempotency-Key}: Mastodon answers a repeat within an
 * hour with the status it already made, so a retry after a lost answer returns the same post
 * rather than a second one. Mastodon renders links itself, so the text goes as it is.
 */
@Component
public class MastodonChannel implements SocialChannel {

    /** Mastodon's own default, used while an instance does not say. */
    static final int DEFAULT_LIMIT = 500;
    static final int DEFAULT_URL_WEIGHT = 23;

    private final Clock clock;
    private final RestClient http;
    private final Map<String, Limits> limits = new ConcurrentHashMap<>();

    public MastodonChannel(Clock clock) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
    }

    /** What an instance allows in a status: characters, and what each URL counts as. */
    record Limits(int maxCharacters, int charactersReservedPerUrl) {
    }

    @Override
    public Network network() {
        return Network.MASTODON;
    }

    /**
     * The instance's status length limit ({@code configuration.statuses.max_characters}), read once
     * per account; {@value #DEFAULT_LIMIT} while the instance cannot be asked (not remembered, so
     * the next call asks again).
     */
    public int characterLimit(SocialAccount account) {
        return limits(account).maxCharacters();
    }

    /** What each URL counts as against the limit ({@code configuration.statuses.characters_reserved_per_url}). */
    public int charactersReservedPerUrl(SocialAccount account) {
        return limits(account).charactersReservedPerUrl();
    }

    private Limits limits(SocialAccount account) {
        Limits known = limits.get(account.id());
        if (known != null) {
            return known;
        }
        try {
            PlatformAnswer answer = PlatformAnswer.send(http.get().uri(uri(account, "/api/v2/instance")), "GET /api/v2/instance");
            JsonNode statuses = answer.json().path("configuration").path("statuses");
            if (!answer.ok() || !statuses.path("max_characters").isNumber()) {
                return new Limits(DEFAULT_LIMIT, DEFAULT_URL_WEIGHT);
            }
            Limits read = new Limits(statuses.path("max_characters").asInt(),
                    statuses.path("characters_reserved_per_url").asInt(DEFAULT_URL_WEIGHT));
            limits.put(account.id(), read);
            return read;
        }
        catch (SocialFailure unreachable) {
            return new Limits(DEFAULT_LIMIT, DEFAULT_URL_WEIGHT);
        }
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", post.text());
        body.put("visibility", "public");
        if (post.language() != null && !post.language().isBlank()) {
            body.put("language", post.language());
        }
        String what = "POST /api/v1/statuses";
        RestClient.RequestBodySpec request = http.post().uri(uri(account, "/api/v1/statuses"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.credential("access-token"))
                .contentType(MediaType.APPLICATION_JSON);
        if (post.idempotencyKey() != null && !post.idempotencyKey().isBlank()) {
            request.header("Idempotency-Key", post.idempotencyKey());
        }
        return status(PlatformAnswer.send(request.body(PlatformAnswer.toJson(body)), what), what);
    }

    @Override
    public boolean canEdit() {
        return true;
    }

    @Override
    public PublishedPost edit(SocialAccount account, PublishedPost published, SocialPost post) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", post.text());
        if (post.language() != null && !post.language().isBlank()) {
            body.put("language", post.language());
        }
        String what = "PUT /api/v1/statuses/" + published.id();
        PublishedPost edited = status(PlatformAnswer.send(http.put().uri(uri(account, "/api/v1/statuses/" + published.id()))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.credential("access-token"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(PlatformAnswer.toJson(body)), what), what);
        return edited.url() == null ? new PublishedPost(edited.id(), published.url()) : edited;
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        String what = "DELETE /api/v1/statuses/" + published.id();
        PlatformAnswer answer = PlatformAnswer.send(http.delete().uri(uri(account, "/api/v1/statuses/" + published.id()))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.credential("access-token")), what);
        if (!answer.ok() && answer.status() != 404) {
            throw failure(answer, what);
        }
    }

    private PublishedPost status(PlatformAnswer answer, String what) {
        if (!answer.ok()) {
            throw failure(answer, what);
        }
        JsonNode status = answer.json();
        String id = status.path("id").asString("");
        if (id.isEmpty()) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " answered " + answer.status() + " without a status id");
        }
        String url = status.path("url").isString() ? status.path("url").asString() : status.path("uri").asString(null);
        return new PublishedPost(id, url == null ? null : URI.create(url));
    }

    private SocialFailure failure(PlatformAnswer answer, String what) {
        String error = answer.json().path("error").asString("");
        String message = what + " answered " + answer.status() + (error.isEmpty() ? "" : ": " + error);
        if (answer.status() == 429) {
            // Mastodon says when its window resets (an ISO time); Retry-After where a proxy adds one.
            Duration wait = PlatformResponses.retryAfter(answer.headers(), clock);
            if (wait == null) {
                wait = untilReset(answer.headers().getFirst("X-RateLimit-Reset"));
            }
            return SocialFailure.rateLimited(message, wait);
        }
        SocialFailure generic = PlatformResponses.failure(answer.status(), answer.headers(), what, clock);
        return new SocialFailure(generic.kind(), message);
    }

    private Duration untilReset(String reset) {
        if (reset == null || reset.isBlank()) {
            return null;
        }
        try {
            Duration wait = Duration.between(clock.instant(), OffsetDateTime.parse(reset.strip()).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private static URI uri(SocialAccount account, String path) {
        if (account.apiBase() == null) {
            throw new IllegalStateException("Account " + account.id() + " has no apiBase (the Mastodon instance)");
        }
        return URI.create(account.apiBase().toString().replaceAll("/+$", "") + path);
    }
}
