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

class TikTokChannelTest {

    private static final String TOKEN = "act.example12345Example12345Example";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformStandIn tiktok = new PlatformStandIn();
    private final TikTokChannel channel = new TikTokChannel(Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));
    private final SocialAccount account = new SocialAccount("tiktok-news", Network.TIKTOK, tiktok.base(),
            Map.of("access-token", TOKEN), Map.of());

    @AfterEach
    void stop() {
        tiktok.close();
    }

    @Test
    void postsThePhotoDirectlyAndAnswersThePublishId() {
        tiktok.then(Response.json(200, """
                {"data": {"publish_id": "p_pub_url~v2.123456789"},
                 "error": {"code": "ok", "message": "", "log_id": "202210112248442CB9319E1FB30C1073F3"}}"""));

        PublishedPost published = channel.publish(account, story(jpeg()));

        assertThat(published).isEqualTo(new PublishedPost("p_pub_url~v2.123456789", null));
        PlatformStandIn.Request request = tiktok.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/post/publish/content/init/");
        assertThat(request.query()).isNull();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Content-Type")).isEqualToIgnoringCase("application/json;charset=UTF-8");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("media_type").asString()).isEqualTo("PHOTO");
        assertThat(body.path("post_mode").asString()).isEqualTo("DIRECT_POST");
        JsonNode info = body.path("post_info");
        assertThat(info.path("title").asString()).isEqualTo("Flood waters recede in Almaty");
        assertThat(info.path("description").asString()).isEqualTo("Flood waters recede in Almaty #almaty #floods");
        assertThat(info.path("privacy_level").asString()).isEqualTo("PUBLIC_TO_EVERYONE");
        assertThat(info.path("disable_comment").isBoolean()).isTrue();
        assertThat(info.path("disable_comment").asBoolean()).isFalse();
        assertThat(info.path("auto_add_music").isBoolean()).isTrue();
        assertThat(info.path("auto_add_music").asBoolean()).isFalse();
        JsonNode source = body.path("source_info");
        assertThat(source.path("source").asString()).isEqualTo("PULL_FROM_URL");
        assertThat(source.path("photo_images").size()).isEqualTo(1);
        assertThat(source.path("photo_images").path(0).asString()).isEqualTo("https://media.news.example/almaty.jpg");
        assertThat(source.path("photo_cover_index").isInt()).isTrue();
        assertThat(source.path("photo_cover_index").asInt()).isZero();
    }

    @Test
    void accountSettingsChooseInboxUploadPrivacyAndComments() {
        tiktok.then(Response.json(200, """
                {"data": {"publish_id": "p_inbox_url~v2.987"}, "error": {"code": "ok", "message": "", "log_id": "2026"}}"""));
        SocialAccount drafts = new SocialAccount("tiktok-drafts", Network.TIKTOK, tiktok.base(), Map.of("access-token", TOKEN),
                Map.of("post-mode", "MEDIA_UPLOAD", "privacy-level", "SELF_ONLY", "disable-comment", "true",
                        "auto-add-music", "true"));

        channel.publish(drafts, story(jpeg()));

        JsonNode body = JSON.readTree(tiktok.onlyRequest().body());
        assertThat(body.path("post_mode").asString()).isEqualTo("MEDIA_UPLOAD");
        assertThat(body.path("post_info").path("privacy_level").asString()).isEqualTo("SELF_ONLY");
        assertThat(body.path("post_info").path("disable_comment").asBoolean()).isTrue();
        assertThat(body.path("post_info").path("auto_add_music").asBoolean()).isTrue();
    }

    @Test
    void longHeadlineIsCutToTikToksNinetyCharacters() {
        tiktok.then(Response.json(200, "{\"data\": {\"publish_id\": \"p1\"}, \"error\": {\"code\": \"ok\", \"message\": \"\", \"log_id\": \"1\"}}"));
        SocialPost post = new SocialPost("story-2", "text", URI.create("https://news.example/a"), "Ш".repeat(120), "",
                jpeg(), List.of(), "kk", "k");

        channel.publish(account, post);

        String title = JSON.readTree(tiktok.onlyRequest().body()).path("post_info").path("title").asString();
        assertThat(title).hasSize(90).endsWith("…").startsWith("ШШШ");
    }

    @Test
    void storyWithoutLeadImageIsNotSent() {
        assertThatThrownBy(() -> channel.publish(account, story(null)))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED));
        assertThat(tiktok.requests()).isEmpty();
    }

    @Test
    void pngLeadImageIsNotSent() {
        SocialPost.Image png = new SocialPost.Image(URI.create("https://media.news.example/chart.png"), "Chart", "image/png");

        assertThatThrownBy(() -> channel.publish(account, story(png)))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED));
        assertThat(tiktok.requests()).isEmpty();
    }

    @Test
    void rateLimitWaitsTheOneMinuteWindow() {
        tiktok.then(Response.json(429, error("rate_limit_exceeded", "The API rate limit was exceeded. Please try again later.")));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void rateLimitHonoursRetryAfterWhenTikTokSendsOne() {
        tiktok.then(Response.json(429, error("rate_limit_exceeded", "The API rate limit was exceeded."))
                .withHeader("Retry-After", "17"));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(17)));
    }

    @Test
    void dailyPostingCapWaitsAnHour() {
        tiktok.then(Response.json(403, error("spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user.")));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(1));
                });
    }

    @Test
    void serverErrorIsTransient() {
        tiktok.then(Response.json(500, error("internal_error", "Something went wrong. Please try again later.")));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void invalidTokenNeedsAttentionAndNeverShowsTheToken() {
        tiktok.then(Response.json(401, error("access_token_invalid",
                "The access token is invalid or not found in the request.")));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).contains("access_token_invalid", "202603021000001234ABCD")
                            .doesNotContain(TOKEN);
                });
    }

    @Test
    void unverifiedImageDomainNeedsAttention() {
        tiktok.then(Response.json(403, error("url_ownership_unverified",
                "Please review our URL ownership verification rules.")));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).contains("url_ownership_unverified");
                });
    }

    @Test
    void unauditedAppPostingPubliclyNeedsAttention() {
        tiktok.then(Response.json(403, error("unaudited_client_can_only_post_to_private_accounts",
                "Please review our integration guidelines.")));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED));
    }

    @Test
    void invalidParamsAreRejected() {
        tiktok.then(Response.json(400, error("invalid_params", "photo_images: at most 35 images")));

        assertThatThrownBy(() -> channel.publish(account, story(jpeg())))
                .isInstanceOfSatisfying(SocialFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED));
    }

    @Test
    void tikTokPostsCannotBeEditedOrDeletedThroughTheApi() {
        assertThat(channel.canEdit()).isFalse();
        assertThat(channel.canDelete()).isFalse();
    }

    private static String error(String code, String message) {
        return """
                {"data": {}, "error": {"code": "%s", "message": "%s", "log_id": "202603021000001234ABCD"}}"""
                .formatted(code, message);
    }

    private static SocialPost.Image jpeg() {
        return new SocialPost.Image(URI.create("https://media.news.example/almaty.jpg"), "Flooded street", "image/jpeg");
    }

    private static SocialPost story(SocialPost.Image image) {
        return new SocialPost("story-1", "Flood waters recede in Almaty #almaty #floods", URI.create("https://news.example/almaty"),
                "Flood waters recede in Almaty", "Residents return home.", image, List.of("almaty", "floods"), "en",
                "story-1:tiktok-news");
    }
}
