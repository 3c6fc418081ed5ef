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

class ThreadsChannelTest {

    static final String TOKEN = "THQWthreadsTokenSecret789";

    final PlatformStandIn threads = new PlatformStandIn();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final ThreadsChannel channel = new ThreadsChannel(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC),
            waits::add);
    final SocialAccount account = new SocialAccount("threads-main", Network.THREADS, threads.base(),
            Map.of("access-token", TOKEN), Map.of("threads-user-id", "25936171902693420"));
    final SocialPost text = new SocialPost("story-1", "Floods close the M4 https://news.example/s/1",
            URI.create("https://news.example/s/1"), "Floods close the M4", "", null, List.of(), "en", "story-1:threads-main");

    @AfterEach
    void stop() {
        threads.close();
    }

    @Test
    void aTextPostIsCreatedThenPublishedAtOnce() {
        threads.then(Response.json(200, "{\"id\":\"17889615691921648\"}"))
                .then(Response.json(200, "{\"id\":\"18050206876707110\"}"))
                .then(Response.json(200, "{\"permalink\":\"https://www.threads.net/@newswire/post/DAbCdEfGhIj\",\"id\":\"18050206876707110\"}"));

        PublishedPost published = channel.publish(account, text);

        assertThat(published.id()).isEqualTo("18050206876707110");
        assertThat(published.url()).isEqualTo(URI.create("https://www.threads.net/@newswire/post/DAbCdEfGhIj"));
        List<PlatformStandIn.Request> requests = threads.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(0).path()).isEqualTo("/v1.0/25936171902693420/threads");
        assertThat(requests.get(0).header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(GraphRequests.form(requests.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "media_type", "TEXT", "text", "Floods close the M4 https://news.example/s/1", "access_token", TOKEN));
        assertThat(requests.get(1).method()).isEqualTo("POST");
        assertThat(requests.get(1).path()).isEqualTo("/v1.0/25936171902693420/threads_publish");
        assertThat(GraphRequests.form(requests.get(1))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "creation_id", "17889615691921648", "access_token", TOKEN));
        assertThat(requests.get(2).method()).isEqualTo("GET");
        assertThat(requests.get(2).path()).isEqualTo("/v1.0/18050206876707110");
        assertThat(GraphRequests.query(requests.get(2))).containsEntry("fields", "permalink");
        assertThat(waits).isEmpty();
    }

    @Test
    void anImagePostWaitsForItsContainer() {
        SocialPost withImage = new SocialPost("story-1", text.text(), text.link(), text.title(), "",
                new SocialPost.Image(URI.create("https://cdn.news.example/img/m4.jpg"), "Flooded motorway", "image/jpeg"),
                List.of(), "en", "story-1:threads-main");
        threads.then(Response.json(200, "{\"id\":\"1\"}"))
                .then(Response.json(200, "{\"status\":\"IN_PROGRESS\",\"id\":\"1\"}"))
                .then(Response.json(200, "{\"status\":\"FINISHED\",\"id\":\"1\"}"))
                .then(Response.json(200, "{\"id\":\"2\"}"))
                .then(Response.json(200, "{\"permalink\":\"https://www.threads.net/@newswire/post/X\",\"id\":\"2\"}"));

        assertThat(channel.publish(account, withImage).id()).isEqualTo("2");

        List<PlatformStandIn.Request> requests = threads.requests();
        assertThat(GraphRequests.form(requests.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of("media_type", "IMAGE",
                "text", text.text(), "image_url", "https://cdn.news.example/img/m4.jpg", "alt_text", "Flooded motorway",
                "access_token", TOKEN));
        assertThat(requests.get(1).path()).isEqualTo("/v1.0/1");
        assertThat(GraphRequests.query(requests.get(1))).containsEntry("fields", "status,error_message");
        assertThat(waits).containsExactly(ThreadsChannel.CONTAINER_INTERVAL);
        assertThat(requests.get(3).path()).isEqualTo("/v1.0/25936171902693420/threads_publish");
    }

    @Test
    void aFailedImageDownloadIsRejected() {
        SocialPost withImage = new SocialPost("story-1", text.text(), text.link(), text.title(), "",
                new SocialPost.Image(URI.create("https://cdn.news.example/img/gone.jpg"), "", "image/jpeg"),
                List.of(), "en", "story-1:threads-main");
        threads.then(Response.json(200, "{\"id\":\"1\"}"))
                .then(Response.json(200, "{\"status\":\"ERROR\",\"id\":\"1\",\"error_message\":\"FAILED_DOWNLOADING_IMAGE\"}"));

        assertThatThrownBy(() -> channel.publish(account, withImage)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED);
            assertThat(failure.getMessage()).contains("FAILED_DOWNLOADING_IMAGE");
        });
    }

    @Test
    void rateLimitingIsRateLimited() {
        threads.then(Response.json(429, """
                {"error":{"message":"Application request limit reached","type":"OAuthException","is_transient":true,"code":4,"fbtrace_id":"AbCdEfGhIjK"}}""")
                .withHeader("Retry-After", "120"));

        assertThatThrownBy(() -> channel.publish(account, text)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(2));
        });
    }

    @Test
    void anExpiredTokenIsUnauthorizedWithoutTheToken() {
        threads.then(Response.json(401, """
                {"error":{"message":"Error validating access token: Session has expired on Saturday, 28-Nov-26 10:00:00 PST.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, text)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).contains("#190").doesNotContain(TOKEN);
        });
    }

    @Test
    void serverTroubleIsTransient() {
        threads.then(Response.json(503, """
                {"error":{"message":"Service temporarily unavailable","type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"AbCdEfGhIjK"}}"""));

        assertThatThrownBy(() -> channel.publish(account, text)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void aRetractionDeletesThePost() {
        threads.then(Response.json(200, "{\"success\":true,\"deleted_id\":\"18050206876707110\"}"));

        assertThat(channel.canDelete()).isTrue();
        assertThat(channel.canEdit()).isFalse();
        channel.delete(account, new PublishedPost("18050206876707110", null));

        PlatformStandIn.Request request = threads.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/v1.0/18050206876707110");
        assertThat(GraphRequests.query(request)).containsExactlyEntriesOf(Map.of("access_token", TOKEN));
    }
}
