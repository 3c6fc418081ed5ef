package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswire.notify.social.PlatformStandIn.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MastodonChannelTest {

    static final String TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final PlatformStandIn mastodon = new PlatformStandIn();
    final MastodonChannel channel = new MastodonChannel(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
    final SocialAccount account = new SocialAccount("mastodon-main", Network.MASTODON, mastodon.base(),
            Map.of("access-token", TOKEN), Map.of());
    final SocialPost post = new SocialPost("story-1", "Ставки растут 📈 https://news.example/a #economy",
            URI.create("https://news.example/a"), "Ставки растут", "", null, List.of("economy"), "ru", "story-1:mastodon-main");

    @AfterEach
    void stop() {
        mastodon.close();
    }

    static String status(String id) {
        return """
                {"id":"%s","created_at":"2026-11-29T12:00:00.000Z","in_reply_to_id":null,"in_reply_to_account_id":null,
                "sensitive":false,"spoiler_text":"","visibility":"public","language":"ru",
                "uri":"https://mastodon.example/users/newswire/statuses/%s","url":"https://mastodon.example/@newswire/%s",
                "replies_count":0,"reblogs_count":0,"favourites_count":0,"edited_at":null,
                "content":"<p>Ставки растут</p>","reblog":null,"account":{"id":"1","username":"newswire","acct":"newswire"},
                "media_attachments":[],"mentions":[],"tags":[{"name":"economy","url":"https://mastodon.example/tags/economy"}],
                "emojis":[],"card":null,"poll":null}""".formatted(id, id, id);
    }

    @Test
    void postsAPublicStatusWithTheIdempotencyKey() {
        mastodon.then(Response.json(200, status("113577312512345678")));

        PublishedPost published = channel.publish(account, post);

        PlatformStandIn.Request request = mastodon.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/statuses");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Idempotency-Key")).isEqualTo("story-1:mastodon-main");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.bodyText());
        assertThat(body.path("status").asString()).isEqualTo("Ставки растут 📈 https://news.example/a #economy");
        assertThat(body.path("visibility").asString()).isEqualTo("public");
        assertThat(body.path("language").asString()).isEqualTo("ru");
        assertThat(published).isEqualTo(new PublishedPost("113577312512345678",
                URI.create("https://mastodon.example/@newswire/113577312512345678")));
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameStatusBack() {
        // Mastodon answers a repeated Idempotency-Key (within an hour) with the status it made the first time.
        mastodon.otherwise(request -> Response.json(200, status("113577312512345678")));

        PublishedPost first = channel.publish(account, post);
        PublishedPost again = channel.publish(account, post);

        assertThat(again).isEqualTo(first);
        assertThat(mastodon.requests()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("story-1:mastodon-main", "story-1:mastodon-main");
    }

    @Test
    void rateLimitWaitsUntilTheResetTheInstanceNames() {
        mastodon.then(Response.json(429, "{\"error\":\"Too many requests\"}")
                .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", "2026-11-29T12:05:00.000Z"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    void serverErrorIsTransient() {
        mastodon.then(Response.status(503));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void invalidTokenIsUnauthorizedAndTheMessageHoldsNoToken() {
        mastodon.then(Response.json(401, "{\"error\":\"The access token is invalid\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).isEqualTo("POST /api/v1/statuses answered 401: The access token is invalid")
                    .doesNotContain(TOKEN);
        });
    }

    @Test
    void validationErrorIsRejected() {
        mastodon.then(Response.json(422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED);
            assertThat(failure.getMessage()).contains("character limit of 500 exceeded");
        });
    }

    @Test
    void characterLimitIsReadFromTheInstanceOnce() {
        mastodon.then(Response.json(200, """
                {"domain":"mastodon.example","title":"Mastodon Example","version":"4.3.0","source_url":"https://github.com/mastodon/mastodon",
                "configuration":{"urls":{"streaming":"wss://mastodon.example"},"accounts":{"max_featured_tags":10},
                "statuses":{"max_characters":1000,"max_media_attachments":4,"characters_reserved_per_url":23},
                "media_attachments":{"supported_mime_types":["image/jpeg"]},"polls":{"max_options":4}},
                "registrations":{"enabled":false,"approval_required":false,"message":null}}"""));

        assertThat(channel.characterLimit(account)).isEqualTo(1000);
        assertThat(channel.characterLimit(account)).isEqualTo(1000);
        assertThat(channel.charactersReservedPerUrl(account)).isEqualTo(23);

        PlatformStandIn.Request request = mastodon.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/v2/instance");
    }

    @Test
    void characterLimitFallsBackToMastodonsDefaultWhileTheInstanceCannotSay() {
        mastodon.then(Response.status(502)).then(Response.json(200,
                "{\"configuration\":{\"statuses\":{\"max_characters\":5000,\"characters_reserved_per_url\":23}}}"));

        assertThat(channel.characterLimit(account)).isEqualTo(500);
        assertThat(channel.characterLimit(account)).isEqualTo(5000);
    }

    @Test
    void editReplacesTheStatusText() {
        mastodon.then(Response.json(200, status("113577312512345678")));
        SocialPost corrected = new SocialPost("story-1", "Ставки снижаются https://news.example/a", URI.create("https://news.example/a"),
                "Ставки снижаются", "", null, List.of(), "ru", "story-1:mastodon-main");

        assertThat(channel.canEdit()).isTrue();
        PublishedPost edited = channel.edit(account, new PublishedPost("113577312512345678", null), corrected);

        PlatformStandIn.Request request = mastodon.onlyRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/api/v1/statuses/113577312512345678");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(JSON.readTree(request.bodyText()).path("status").asString()).isEqualTo("Ставки снижаются https://news.example/a");
        assertThat(edited.id()).isEqualTo("113577312512345678");
    }

    @Test
    void deleteRemovesTheStatusAndAStatusAlreadyGoneCountsAsDeleted() {
        mastodon.then(Response.json(200, status("113577312512345678"))).then(Response.json(404, "{\"error\":\"Record not found\"}"));

        assertThat(channel.canDelete()).isTrue();
        channel.delete(account, new PublishedPost("113577312512345678", null));
        channel.delete(account, new PublishedPost("113577312512345678", null));

        PlatformStandIn.Request request = mastodon.requests().get(0);
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/api/v1/statuses/113577312512345678");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }
}
