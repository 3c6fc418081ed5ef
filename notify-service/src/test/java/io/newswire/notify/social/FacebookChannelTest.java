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

class FacebookChannelTest {

    static final String TOKEN = "EAAGpageTokenSecret123";

    final PlatformStandIn graph = new PlatformStandIn();
    final FacebookChannel channel = new FacebookChannel(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
    final SocialAccount account = new SocialAccount("fb-page", Network.FACEBOOK, graph.base(),
            Map.of("page-access-token", TOKEN), Map.of("page-id", "104857600123"));
    final SocialPost post = new SocialPost("story-1", "Floods close the M4 – live updates #weather https://news.example/s/1",
            URI.create("https://news.example/s/1"), "Floods close the M4", "Roads shut", null, List.of("weather"), "en",
            "story-1:fb-page");

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void postsMessageAndLinkToThePageFeedWithThePageToken() {
        graph.then(Response.json(200, "{\"id\":\"104857600123_987654321098765\"}"));

        PublishedPost published = channel.publish(account, post);

        assertThat(published.id()).isEqualTo("104857600123_987654321098765");
        assertThat(published.url()).isEqualTo(URI.create("https://www.facebook.com/104857600123_987654321098765"));
        PlatformStandIn.Request request = graph.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v26.0/104857600123/feed");
        assertThat(request.query()).isNull();
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(GraphRequests.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "message", post.text(), "link", "https://news.example/s/1", "access_token", TOKEN));
    }

    @Test
    void theApiVersionComesFromTheAccountWhenSet() {
        graph.then(Response.json(200, "{\"id\":\"1_2\"}"));
        SocialAccount pinned = new SocialAccount("fb-page", Network.FACEBOOK, graph.base(), account.credentials(),
                Map.of("page-id", "104857600123", "api-version", "v24.0"));

        channel.publish(pinned, post);

        assertThat(graph.onlyRequest().path()).isEqualTo("/v24.0/104857600123/feed");
    }

    @Test
    void pageRequestLimitWaitsAsTheBusinessUseCaseHeaderSays() {
        graph.then(Response.json(403, """
                {"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"AbCdEfGhIjK"}}""")
                .withHeader("X-Business-Use-Case-Usage", """
                        {"104857600123":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":14,"estimated_time_to_regain_access":17}]}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(17));
        });
    }

    @Test
    void applicationThrottlingIsRateLimitedEvenWithoutAWait() {
        graph.then(Response.json(400, """
                {"error":{"message":"(#4) Application request limit reached","type":"OAuthException","is_transient":true,"code":4,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isNull();
        });
    }

    @Test
    void anExpiredTokenNeedsAttentionAndIsNeverRepeated() {
        graph.then(Response.json(400, """
                {"error":{"message":"Malformed access token %s","type":"OAuthException","code":190,"fbtrace_id":"AbCdEfGhIjK"}}"""
                .formatted(TOKEN)));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).contains("#190").doesNotContain(TOKEN);
        });
    }

    @Test
    void aBare401IsUnauthorized() {
        graph.then(Response.status(401));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).doesNotContain(TOKEN);
        });
    }

    @Test
    void aMissingPermissionNeedsAttention() {
        graph.then(Response.json(403, """
                {"error":{"message":"(#200) The user hasn't authorized the application to perform this action","type":"OAuthException","code":200,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED));
    }

    @Test
    void serverTroubleIsTransient() {
        graph.then(Response.json(500, """
                {"error":{"message":"An unknown error has occurred.","type":"OAuthException","code":1,"fbtrace_id":"AbCdEfGhIjK"}}"""))
                .then(Response.json(400, """
                {"error":{"message":"(#2) Service temporarily unavailable","type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"AbCdEfGhIjK"}}"""))
                .then(Response.status(502));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                    failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
        }
    }

    @Test
    void theSameMessageTwiceIsADuplicate() {
        graph.then(Response.json(400, """
                {"error":{"message":"(#506) Duplicate status message","type":"OAuthException","code":506,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.DUPLICATE));
    }

    @Test
    void anInvalidParameterIsRejected() {
        graph.then(Response.json(400, """
                {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED));
    }

    @Test
    void anUnreachableGraphIsTransientAndKeepsTheTokenOut() {
        URI closed = graph.base();
        graph.close();
        SocialAccount gone = new SocialAccount("fb-page", Network.FACEBOOK, closed, account.credentials(), account.settings());

        assertThatThrownBy(() -> channel.delete(gone, new PublishedPost("1_2", null))).isInstanceOfSatisfying(
                SocialFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT);
                    assertThat(failure.getMessage()).doesNotContain(TOKEN);
                    assertThat(failure.getCause()).isNull();
                });
    }

    @Test
    void aRetractionDeletesThePost() {
        graph.then(Response.json(200, "{\"success\":true}"));

        assertThat(channel.canDelete()).isTrue();
        assertThat(channel.canEdit()).isFalse();
        channel.delete(account, new PublishedPost("104857600123_987654321098765", null));

        PlatformStandIn.Request request = graph.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/v26.0/104857600123_987654321098765");
        assertThat(GraphRequests.query(request)).containsExactlyEntriesOf(Map.of("access_token", TOKEN));
    }

    @Test
    void aPostAlreadyGoneCountsAsDeleted() {
        graph.then(Response.json(400, """
                {"error":{"message":"Unsupported delete request. Object with ID '104857600123_987654321098765' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        channel.delete(account, new PublishedPost("104857600123_987654321098765", null));
    }
}
