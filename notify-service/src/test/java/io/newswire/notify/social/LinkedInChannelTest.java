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

class LinkedInChannelTest {

    static final String TOKEN = "AQXdSP_W41_UPs5ioT_t8HESyODB4FqbkJ8LrV_5mff4gPODzOYR";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String URN = "urn:li:share:7262649302412345678";

    final PlatformStandIn linkedin = new PlatformStandIn();
    final LinkedInChannel channel = new LinkedInChannel(Clock.fixed(Instant.parse("2026-11-29T18:00:00Z"), ZoneOffset.UTC));
    final SocialAccount account = new SocialAccount("linkedin-page", Network.LINKEDIN, linkedin.base(),
            Map.of("access-token", TOKEN), Map.of("organization-id", "2414183", "linkedin-version", "202611"));
    final SocialPost post = new SocialPost("story-1",
            "Rates (finally) up: [analysis] by @desk *now* #economy https://news.example/a_b?(x)=1",
            URI.create("https://news.example/a_b?(x)=1"), "Rates up", "Why the bank moved", null, List.of("economy"), "en", "k-1");

    @AfterEach
    void stop() {
        linkedin.close();
    }

    @Test
    void postsAnArticleAsTheOrganizationWithEscapedCommentary() {
        linkedin.then(Response.status(201).withHeader("x-restli-id", URN));

        PublishedPost published = channel.publish(account, post);

        PlatformStandIn.Request request = linkedin.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/rest/posts");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("LinkedIn-Version")).isEqualTo("202611");
        assertThat(request.header("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.bodyText());
        assertThat(body.path("author").asString()).isEqualTo("urn:li:organization:2414183");
        assertThat(body.path("commentary").asString()).isEqualTo(
                "Rates \\(finally\\) up: \\[analysis\\] by \\@desk \\*now\\* {hashtag|\\#|economy} https://news.example/a_b?(x)=1");
        assertThat(body.path("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(body.path("distribution").path("feedDistribution").asString()).isEqualTo("MAIN_FEED");
        assertThat(body.path("distribution").path("targetEntities").isArray()).isTrue();
        assertThat(body.path("distribution").path("targetEntities").size()).isZero();
        assertThat(body.path("distribution").path("thirdPartyDistributionChannels").size()).isZero();
        assertThat(body.path("content").path("article").path("source").asString()).isEqualTo("https://news.example/a_b?(x)=1");
        assertThat(body.path("content").path("article").path("title").asString()).isEqualTo("Rates up");
        assertThat(body.path("content").path("article").path("description").asString()).isEqualTo("Why the bank moved");
        assertThat(body.path("lifecycleState").asString()).isEqualTo("PUBLISHED");
        assertThat(body.path("isReshareDisabledByAuthor").asBoolean(true)).isFalse();
        assertThat(published).isEqualTo(new PublishedPost(URN, URI.create("https://www.linkedin.com/feed/update/" + URN)));
    }

    @Test
    void everyReservedCharacterIsEscaped() {
        assertThat(LinkedInChannel.commentary("a|b{c}d@e[f]g(h)i<j>k#l\\m*n_o~p", "https://x.example", List.of()))
                .isEqualTo("a\\|b\\{c\\}d\\@e\\[f\\]g\\(h\\)i\\<j\\>k\\#l\\\\m\\*n\\_o\\~p");
        assertThat(LinkedInChannel.commentary("#economyNews #economy", "", List.of("economy")))
                .isEqualTo("\\#economyNews {hashtag|\\#|economy}");
    }

    @Test
    void aVersionIsSentWhenNoneIsConfigured() {
        linkedin.then(Response.status(201).withHeader("x-restli-id", URN));
        SocialAccount unversioned = new SocialAccount("linkedin-page", Network.LINKEDIN, linkedin.base(),
                Map.of("access-token", TOKEN), Map.of("organization-id", "2414183"));

        channel.publish(unversioned, post);

        assertThat(linkedin.onlyRequest().header("LinkedIn-Version")).isEqualTo(LinkedInChannel.DEFAULT_VERSION).matches("\\d{6}");
    }

    @Test
    void dailyQuotaWaitsUntilMidnightUtc() {
        linkedin.then(Response.json(429, """
                {"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS","message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(6));
        });
    }

    @Test
    void rateLimitHonoursRetryAfterWhenSent() {
        linkedin.then(Response.json(429, """
                {"status":429,"code":"TOO_MANY_REQUESTS","message":"Too many requests"}""").withHeader("Retry-After", "60"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void serverErrorIsTransient() {
        linkedin.then(Response.json(504, "{\"message\":\"Gateway timeout\",\"status\":504}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void revokedTokenIsUnauthorizedAndTheMessageHoldsNoToken() {
        linkedin.then(Response.json(401, """
                {"status":401,"serviceErrorCode":65601,"code":"REVOKED_ACCESS_TOKEN","message":"The token used in the request has been revoked by the user"}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).contains("revoked").doesNotContain(TOKEN);
        });
    }

    @Test
    void duplicateContentNamesTheExistingPost() {
        linkedin.then(Response.json(422, """
                {"errorDetailType":"com.linkedin.common.error.BadRequest","message":"com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of urn:li:share:7262649302412345678","errorDetails":{"inputErrors":[{"description":"Duplicate post is detected","input":{},"code":"DUPLICATE_POST"}]},"status":422}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.DUPLICATE);
            assertThat(failure.existing()).isEqualTo(new PublishedPost(URN, URI.create("https://www.linkedin.com/feed/update/" + URN)));
        });
    }

    @Test
    void deleteRemovesThePostByItsEncodedUrnAndAPostAlreadyGoneCountsAsDeleted() {
        linkedin.then(Response.status(204)).then(Response.json(404, "{\"message\":\"Not Found\",\"status\":404}"));

        assertThat(channel.canDelete()).isTrue();
        assertThat(channel.canEdit()).isFalse();
        channel.delete(account, new PublishedPost(URN, null));
        channel.delete(account, new PublishedPost(URN, null));

        PlatformStandIn.Request request = linkedin.requests().get(0);
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/rest/posts/urn%3Ali%3Ashare%3A7262649302412345678");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("LinkedIn-Version")).isEqualTo("202611");
        assertThat(request.header("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
    }
}
