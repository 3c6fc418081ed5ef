package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswire.notify.social.PlatformStandIn.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

class SlackChannelTest {

    private static final String TOKEN = "XXXXXXXXxxxxSecretxxxxXXXX";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformStandIn slack = new PlatformStandIn();
    private final SlackChannel channel = new SlackChannel(Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));
    private final SocialAccount account = new SocialAccount("slack-newsroom", Network.SLACK, null,
            Map.of("webhook-url", slack.base() + "/services/T00000000/B00000000/" + TOKEN), Map.of());

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void postsEscapedTextWithTheLeadImage() {
        slack.then(text(200, "ok"));

        PublishedPost published = channel.publish(account,
                story("Q&A: why <b> tags & \"A > B\" broke the vote https://news.example/vote?a=1&b=2", image()));

        assertThat(published).isEqualTo(new PublishedPost("slack:story-1", null));
        PlatformStandIn.Request request = slack.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T00000000/B00000000/" + TOKEN);
        assertThat(request.query()).isNull();
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.body());
        String escaped = "Q&amp;A: why &lt;b&gt; tags &amp; \"A &gt; B\" broke the vote https://news.example/vote?a=1&amp;b=2";
        assertThat(body.path("text").asString()).isEqualTo(escaped);
        assertThat(body.path("blocks").size()).isEqualTo(2);
        assertThat(body.path("blocks").path(0).path("type").asString()).isEqualTo("section");
        assertThat(body.path("blocks").path(0).path("text").path("type").asString()).isEqualTo("mrkdwn");
        assertThat(body.path("blocks").path(0).path("text").path("text").asString()).isEqualTo(escaped);
        assertThat(body.path("blocks").path(1).path("type").asString()).isEqualTo("image");
        assertThat(body.path("blocks").path(1).path("image_url").asString()).isEqualTo("https://cdn.news.example/vote.jpg");
        assertThat(body.path("blocks").path(1).path("alt_text").asString()).isEqualTo("MPs voting");
        assertThat(body.path("unfurl_links").asBoolean()).isFalse();
    }

    @Test
    void withoutAnImageSlacksOwnPreviewShowsTheStory() {
        slack.then(text(200, "ok"));

        channel.publish(account, story("Budget passes https://news.example/vote", null));

        JsonNode body = JSON.readTree(slack.onlyRequest().body());
        assertThat(body.path("blocks").size()).isEqualTo(1);
        assertThat(body.path("unfurl_links").asBoolean()).isTrue();
    }

    @Test
    void longTextIsCutWithinTheSectionLimitNeverInsideAnEntity() {
        slack.then(text(200, "ok"));

        channel.publish(account, story("a".repeat(2997) + "&&&", null));

        String sent = JSON.readTree(slack.onlyRequest().body()).path("blocks").path(0).path("text").path("text").asString();
        assertThat(sent).hasSizeLessThanOrEqualTo(3000).isEqualTo("a".repeat(2997) + "…");
    }

    @Test
    void rateLimitWaitsAsRetryAfterSays() {
        slack.then(text(429, "rate_limited").withHeader("Retry-After", "30"));

        assertThatThrownBy(() -> channel.publish(account, story("t", null)))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void serverErrorIsTransient() {
        slack.then(text(500, "internal_error"));

        assertThatThrownBy(() -> channel.publish(account, story("t", null)))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void invalidTokenNeedsAttentionAndNeverShowsTheToken() {
        slack.then(text(403, "invalid_token"));

        assertThatThrownBy(() -> channel.publish(account, story("t", null)))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).contains("invalid_token").doesNotContain(TOKEN);
                });
    }

    @Test
    void removedWebhookNeedsAttention() {
        slack.then(text(404, "no_service"));

        assertThatThrownBy(() -> channel.publish(account, story("t", null)))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).contains("no_service").doesNotContain(TOKEN);
                });
    }

    @Test
    void archivedChannelNeedsAttention() {
        slack.then(text(410, "channel_is_archived"));

        assertThatThrownBy(() -> channel.publish(account, story("t", null)))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED));
    }

    @Test
    void invalidPayloadIsRejected() {
        slack.then(text(400, "invalid_payload"));

        assertThatThrownBy(() -> channel.publish(account, story("t", null)))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED);
                    assertThat(failure.getMessage()).contains("invalid_payload");
                });
    }

    @Test
    void unreachableWebhookIsTransientAndNeverShowsTheToken() {
        slack.close();

        assertThatThrownBy(() -> channel.publish(account, story("t", null)))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT);
                    assertThat(failure.getMessage()).doesNotContain(TOKEN);
                    assertThat(failure.getCause()).isNull();
                });
    }

    @Test
    void incomingWebhookMessagesCannotBeEditedOrDeleted() {
        assertThat(channel.canEdit()).isFalse();
        assertThat(channel.canDelete()).isFalse();
    }

    /** Slack answers incoming webhooks in text/plain: "ok", or the error's name. */
    private static Response text(int status, String body) {
        return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static SocialPost.Image image() {
        return new SocialPost.Image(URI.create("https://cdn.news.example/vote.jpg"), "MPs voting", "image/jpeg");
    }

    private static SocialPost story(String text, SocialPost.Image image) {
        return new SocialPost("story-1", text, URI.create("https://news.example/vote"), "Budget passes", "", image,
                List.of(), "en", "story-1:slack-newsroom");
    }
}
