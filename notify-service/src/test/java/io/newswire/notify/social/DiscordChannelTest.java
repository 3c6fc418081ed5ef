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

class DiscordChannelTest {

    private static final String TOKEN = "gNm7aZq-Secret_WebhookToken_42";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformStandIn discord = new PlatformStandIn();
    private final DiscordChannel channel = new DiscordChannel(Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));
    private final SocialAccount account = new SocialAccount("discord-news", Network.DISCORD, null,
            Map.of("webhook-url", discord.base() + "/api/webhooks/223704706495545344/" + TOKEN),
            Map.of("guild-id", "197038439483310086"));

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    void postsContentAndCardAndAnswersTheMessageLink() {
        discord.then(Response.json(200, createdMessage("1234567890123456789", "Parliament passes the budget")));

        PublishedPost published = channel.publish(account, story("Parliament passes the budget https://news.example/budget"));

        assertThat(published.id()).isEqualTo("1234567890123456789");
        assertThat(published.url()).isEqualTo(URI.create(
                "https://discord.com/channels/197038439483310086/199737254929760256/1234567890123456789"));
        PlatformStandIn.Request request = discord.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/webhooks/223704706495545344/" + TOKEN);
        assertThat(request.query()).isEqualTo("wait=true");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("content").asString())
                .isEqualTo("Parliament passes the budget <https://news.example/budget>");
        JsonNode embed = body.path("embeds").path(0);
        assertThat(body.path("embeds").size()).isEqualTo(1);
        assertThat(embed.path("title").asString()).isEqualTo("Parliament passes the budget");
        assertThat(embed.path("url").asString()).isEqualTo("https://news.example/budget");
        assertThat(embed.path("description").asString()).isEqualTo("Spending rises by 4 per cent.");
        assertThat(embed.path("image").path("url").asString()).isEqualTo("https://cdn.news.example/budget.jpg");
    }

    @Test
    void storyQuotingEveryonePingsNobody() {
        discord.then(Response.json(200, createdMessage("1", "x")));

        channel.publish(account, story("Protesters chanted \"@everyone out\" at <@&80351110224678912> https://news.example/budget"));

        JsonNode body = JSON.readTree(discord.onlyRequest().body());
        assertThat(body.path("allowed_mentions").isObject()).isTrue();
        assertThat(body.path("allowed_mentions").path("parse").isArray()).isTrue();
        assertThat(body.path("allowed_mentions").path("parse").size()).isZero();
        assertThat(body.path("allowed_mentions").has("users")).isFalse();
        assertThat(body.path("allowed_mentions").has("roles")).isFalse();
    }

    @Test
    void withoutGuildIdThePostHasNoUrl() {
        discord.then(Response.json(200, createdMessage("42", "x")));
        SocialAccount noGuild = new SocialAccount("discord-news", Network.DISCORD, null, account.credentials(), Map.of());

        assertThat(channel.publish(noGuild, story("t https://news.example/budget"))).isEqualTo(new PublishedPost("42", null));
    }

    @Test
    void rateLimitWaitsTheBodysFractionalSeconds() {
        discord.then(Response.json(429, """
                {"message": "You are being rate limited.", "retry_after": 1.337, "global": false}""")
                .withHeader("Retry-After", "2")
                .withHeader("X-RateLimit-Scope", "shared"));

        assertThatThrownBy(() -> channel.publish(account, story("t https://news.example/budget")))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(1337));
                });
    }

    @Test
    void serverErrorIsTransient() {
        discord.then(Response.json(502, "{\"message\": \"502: Bad Gateway\", \"code\": 0}"));

        assertThatThrownBy(() -> channel.publish(account, story("t https://news.example/budget")))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void invalidTokenNeedsAttentionAndNeverShowsTheToken() {
        discord.then(Response.json(401, "{\"message\": \"Invalid Webhook Token\", \"code\": 50027}"));

        assertThatThrownBy(() -> channel.publish(account, story("t https://news.example/budget")))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).doesNotContain(TOKEN).contains("50027");
                });
    }

    @Test
    void deletedWebhookNeedsAttention() {
        discord.then(Response.json(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}"));

        assertThatThrownBy(() -> channel.publish(account, story("t https://news.example/budget")))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).doesNotContain(TOKEN);
                });
    }

    @Test
    void invalidBodyIsRejected() {
        discord.then(Response.json(400, """
                {"message": "Invalid Form Body", "code": 50035, "errors": {"content": {"_errors": [
                {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}}}"""));

        assertThatThrownBy(() -> channel.publish(account, story("t https://news.example/budget")))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED));
    }

    @Test
    void unreachableWebhookIsTransientAndNeverShowsTheToken() {
        discord.close();

        assertThatThrownBy(() -> channel.publish(account, story("t https://news.example/budget")))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT);
                    assertThat(failure.getMessage()).doesNotContain(TOKEN);
                    assertThat(failure.getCause()).isNull();
                });
    }

    @Test
    void editPatchesTheWebhooksOwnMessage() {
        discord.then(Response.json(200, createdMessage("1234567890123456789", "Budget passes after all-night sitting")));
        PublishedPost published = new PublishedPost("1234567890123456789", null);

        PublishedPost edited = channel.edit(account, published, story("Budget passes after all-night sitting https://news.example/budget"));

        assertThat(channel.canEdit()).isTrue();
        assertThat(edited.id()).isEqualTo("1234567890123456789");
        PlatformStandIn.Request request = discord.onlyRequest();
        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.path()).isEqualTo("/api/webhooks/223704706495545344/" + TOKEN + "/messages/1234567890123456789");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("content").asString()).isEqualTo("Budget passes after all-night sitting <https://news.example/budget>");
        assertThat(body.path("allowed_mentions").path("parse").size()).isZero();
    }

    @Test
    void deleteRemovesTheMessage() {
        discord.then(Response.status(204));

        channel.delete(account, new PublishedPost("1234567890123456789", null));

        assertThat(channel.canDelete()).isTrue();
        PlatformStandIn.Request request = discord.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/api/webhooks/223704706495545344/" + TOKEN + "/messages/1234567890123456789");
    }

    @Test
    void deletingAMessageAlreadyGoneCountsAsDeleted() {
        discord.then(Response.json(404, "{\"message\": \"Unknown Message\", \"code\": 10008}"));

        channel.delete(account, new PublishedPost("1234567890123456789", null));

        assertThat(discord.requests()).hasSize(1);
    }

    @Test
    void deleteRateLimitedSaysHowLongToWait() {
        discord.then(Response.json(429, "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.5, \"global\": true}")
                .withHeader("Retry-After", "1"));

        assertThatThrownBy(() -> channel.delete(account, new PublishedPost("1", null)))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(500));
                });
    }

    private static SocialPost story(String text) {
        return new SocialPost("story-1", text, URI.create("https://news.example/budget"), "Parliament passes the budget",
                "Spending rises by 4 per cent.",
                new SocialPost.Image(URI.create("https://cdn.news.example/budget.jpg"), "MPs voting", "image/jpeg"),
                List.of(), "en", "story-1:discord-news");
    }

    /** A message as Execute Webhook with wait=true answers it (trimmed to the fields that matter, as Discord sends them). */
    private static String createdMessage(String id, String content) {
        return """
                {"type": 0, "content": "%s", "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
                 "timestamp": "2026-03-02T10:00:00.123000+00:00", "edited_timestamp": null, "flags": 0, "components": [],
                 "id": "%s", "channel_id": "199737254929760256",
                 "author": {"id": "223704706495545344", "username": "Newswire", "avatar": null, "discriminator": "0000", "bot": true},
                 "pinned": false, "mention_everyone": false, "tts": false, "webhook_id": "223704706495545344"}"""
                .formatted(content, id);
    }
}
