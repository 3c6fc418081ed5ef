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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstagramChannelTest {

    static final String TOKEN = "EAAGinstagramTokenSecret456";

    final PlatformStandIn graph = new PlatformStandIn();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final InstagramChannel channel = new InstagramChannel(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC),
            waits::add);
    final SocialAccount account = new SocialAccount("ig-main", Network.INSTAGRAM, graph.base(),
            Map.of("access-token", TOKEN), Map.of("ig-user-id", "17841405822304914"));
    final SocialPost post = new SocialPost("story-1", "Floods close the M4 #weather",
            URI.create("https://news.example/s/1"), "Floods close the M4", "Roads shut",
            new SocialPost.Image(URI.create("https://cdn.news.example/img/m4.jpg"), "Cars stranded on a flooded motorway",
                    "image/jpeg"),
            List.of("weather"), "en", "story-1:ig-main");

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void createsTheImageContainerWaitsUntilFinishedPublishesAndFindsThePermalink() {
        graph.then(Response.json(200, "{\"id\":\"17889455560051444\"}"))
                .then(Response.json(200, "{\"status_code\":\"IN_PROGRESS\",\"id\":\"17889455560051444\"}"))
                .then(Response.json(200, "{\"status_code\":\"FINISHED\",\"id\":\"17889455560051444\"}"))
                .then(Response.json(200, "{\"id\":\"17920238422030506\"}"))
                .then(Response.json(200, "{\"permalink\":\"https://www.instagram.com/p/DAbCdEfGhIj/\",\"id\":\"17920238422030506\"}"));

        PublishedPost published = channel.publish(account, post);

        assertThat(published.id()).isEqualTo("17920238422030506");
        assertThat(published.url()).isEqualTo(URI.create("https://www.instagram.com/p/DAbCdEfGhIj/"));
        List<PlatformStandIn.Request> requests = graph.requests();
        assertThat(requests).hasSize(5);

        PlatformStandIn.Request create = requests.get(0);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.path()).isEqualTo("/v26.0/17841405822304914/media");
        assertThat(create.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(GraphRequests.form(create)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "image_url", "https://cdn.news.example/img/m4.jpg", "caption", "Floods close the M4 #weather",
                "alt_text", "Cars stranded on a flooded motorway", "access_token", TOKEN));

        for (PlatformStandIn.Request status : requests.subList(1, 3)) {
            assertThat(status.method()).isEqualTo("GET");
            assertThat(status.path()).isEqualTo("/v26.0/17889455560051444");
            assertThat(GraphRequests.query(status)).containsEntry("fields", "status_code,status").containsEntry("access_token", TOKEN);
        }
        assertThat(waits).containsExactly(InstagramChannel.CONTAINER_INTERVAL);

        PlatformStandIn.Request publish = requests.get(3);
        assertThat(publish.method()).isEqualTo("POST");
        assertThat(publish.path()).isEqualTo("/v26.0/17841405822304914/media_publish");
        assertThat(GraphRequests.form(publish)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "creation_id", "17889455560051444", "access_token", TOKEN));

        PlatformStandIn.Request permalink = requests.get(4);
        assertThat(permalink.path()).isEqualTo("/v26.0/17920238422030506");
        assertThat(GraphRequests.query(permalink)).containsEntry("fields", "permalink");
    }

    @Test
    void aPublishedPostWithoutAPermalinkIsStillPublished() {
        graph.then(Response.json(200, "{\"id\":\"1\"}"))
                .then(Response.json(200, "{\"status_code\":\"FINISHED\",\"id\":\"1\"}"))
                .then(Response.json(200, "{\"id\":\"2\"}"))
                .then(Response.status(500));

        PublishedPost published = channel.publish(account, post);

        assertThat(published.id()).isEqualTo("2");
        assertThat(published.url()).isNull();
    }

    @Test
    void aStoryWithoutAnImageIsRefusedWithoutACall() {
        SocialPost textOnly = new SocialPost("story-2", "Text only", URI.create("https://news.example/s/2"), "Text only", "",
                null, List.of(), "en", "story-2:ig-main");

        assertThat(InstagramChannel.accepts(textOnly)).isFalse();
        assertThat(InstagramChannel.accepts(post)).isTrue();
        assertThatThrownBy(() -> channel.publish(account, textOnly)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED);
            assertThat(failure.getMessage()).contains("Instagram needs an image");
        });
        assertThat(graph.requests()).isEmpty();
    }

    @Test
    void aContainerStillInProgressAfterTheLastLookIsTransientAndNothingIsPublished() {
        graph.then(Response.json(200, "{\"id\":\"1\"}"))
                .otherwise(request -> Response.json(200, "{\"status_code\":\"IN_PROGRESS\",\"id\":\"1\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
        assertThat(graph.requests()).hasSize(1 + InstagramChannel.CONTAINER_CHECKS)
                .noneMatch(request -> request.path().endsWith("/media_publish"));
        assertThat(waits).hasSize(InstagramChannel.CONTAINER_CHECKS - 1);
    }

    @Test
    void aContainerInErrorIsRejected() {
        graph.then(Response.json(200, "{\"id\":\"1\"}"))
                .then(Response.json(200, "{\"status_code\":\"ERROR\",\"status\":\"Error: 2207026\",\"id\":\"1\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED);
            assertThat(failure.getMessage()).contains("2207026");
        });
    }

    @Test
    void theContentPublishingLimitIsRateLimited() {
        graph.then(Response.json(400, """
                {"error":{"message":"Application request limit reached","type":"OAuthException","is_transient":true,"code":4,"fbtrace_id":"AbCdEfGhIjK"}}""")
                .withHeader("X-Business-Use-Case-Usage", """
                        {"17841405822304914":[{"type":"instagram","call_count":100,"total_cputime":3,"total_time":4,"estimated_time_to_regain_access":42}]}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(42));
        });
    }

    @Test
    void anInvalidTokenIsUnauthorizedWithoutTheToken() {
        graph.then(Response.json(400, """
                {"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).doesNotContain(TOKEN);
        });
    }

    @Test
    void serverTroubleIsTransient() {
        graph.then(Response.json(500, """
                {"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void postsAreNeitherEditedNorDeleted() {
        assertThat(channel.canEdit()).isFalse();
        assertThat(channel.canDelete()).isFalse();
    }
}
