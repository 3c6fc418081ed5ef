package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The generic webhook against a recording stand-in: the signed request exactly, and how each answer is read. */
class WebhookChannelTest {

    private static final String SECRET = "whsec-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final PlatformStandIn receiver = new PlatformStandIn();
    private final WebhookChannel channel = new WebhookChannel(Clock.fixed(NOW, ZoneOffset.UTC));
    private final JsonMapper json = JsonMapper.builder().build();
    private final SocialAccount account = new SocialAccount("hook", Network.WEBHOOK, null, Map.of("secret", SECRET),
            Map.of("url", receiver.base() + "/hooks/newsroom"));
    private final SocialPost post = new SocialPost("story-1", "Жаңалықтар: бюджет https://example.com/news/1",
            URI.create("https://example.com/news/1"), "Жаңалықтар: бюджет", "What happened",
            new SocialPost.Image(URI.create("https://cdn.example/1.jpg"), "A chamber", "image/jpeg"),
            List.of("budget", "kz"), "kk", "key-123");

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void postsTheStoryAsSignedJsonAndTakesTheIdFromTheAnswer() throws Exception {
        receiver.then(PlatformStandIn.Response.json(201, "{\"id\":\"p-42\",\"url\":\"https://hooks.example/p/42\"}"));

        PublishedPost published = channel.publish(account, post);

        assertThat(published).isEqualTo(new PublishedPost("p-42", URI.create("https://hooks.example/p/42")));
        PlatformStandIn.Request request = receiver.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/newsroom");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Idempotency-Key")).isEqualTo("key-123");
        assertThat(request.header("X-Newswire-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.header("X-Newswire-Signature"))
                .isEqualTo("sha256=" + hmac(SECRET, request.header("X-Newswire-Timestamp") + "." + request.bodyText()));
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("storyId").asString()).isEqualTo("story-1");
        assertThat(body.get("title").asString()).isEqualTo("Жаңалықтар: бюджет");
        assertThat(body.get("summary").asString()).isEqualTo("What happened");
        assertThat(body.get("url").asString()).isEqualTo("https://example.com/news/1");
        assertThat(body.get("text").asString()).isEqualTo("Жаңалықтар: бюджет https://example.com/news/1");
        assertThat(body.get("image").asString()).isEqualTo("https://cdn.example/1.jpg");
        assertThat(body.get("hashtags").toString()).isEqualTo("[\"budget\",\"kz\"]");
        assertThat(body.get("language").asString()).isEqualTo("kk");
    }

    @Test
    void anAnswerWithoutAnIdNamesThePostByItsIdempotencyKey() {
        receiver.then(PlatformStandIn.Response.status(204));

        assertThat(channel.publish(account, post)).isEqualTo(new PublishedPost("key-123", null));
    }

    @Test
    void tooManyRequestsIsRateLimitedForAsLongAsRetryAfterSays() {
        receiver.then(PlatformStandIn.Response.json(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "7"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void serverErrorIsAFailureForNow() {
        receiver.then(PlatformStandIn.Response.status(503));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void unreachableReceiverIsAFailureForNowWithoutTheUrl() {
        SocialAccount secretUrl = new SocialAccount("hook", Network.WEBHOOK, null,
                Map.of("secret", SECRET, "url", "http://127.0.0.1:1/hooks/token-abc"), Map.of());

        assertThatThrownBy(() -> channel.publish(secretUrl, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT);
            assertThat(failure.getMessage()).doesNotContain("token-abc");
        });
    }

    @Test
    void refusedSignatureIsUnauthorizedAndTheMessageHoldsNoSecret() {
        receiver.then(PlatformStandIn.Response.json(401, "{\"error\":\"bad signature\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain("/hooks/newsroom");
        });
    }

    @Test
    void unprocessablePostIsRejected() {
        receiver.then(PlatformStandIn.Response.json(422, "{\"error\":\"no title\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED));
    }

    @Test
    void retractionDeletesThePostByIdAndAPostAlreadyGoneCountsAsDeleted() throws Exception {
        receiver.then(PlatformStandIn.Response.status(204)).then(PlatformStandIn.Response.status(404));

        channel.delete(account, new PublishedPost("p 42", null));
        channel.delete(account, new PublishedPost("p-43", null));

        PlatformStandIn.Request delete = receiver.requests().get(0);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo("/hooks/newsroom/p%2042");
        assertThat(delete.header("X-Newswire-Signature"))
                .isEqualTo("sha256=" + hmac(SECRET, delete.header("X-Newswire-Timestamp") + "."));
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void newTitleReplacesThePostById() throws Exception {
        receiver.then(PlatformStandIn.Response.json(200, "{\"id\":\"p-42\"}"));

        PublishedPost edited = channel.edit(account, new PublishedPost("p-42", URI.create("https://hooks.example/p/42")), post);

        assertThat(edited).isEqualTo(new PublishedPost("p-42", URI.create("https://hooks.example/p/42")));
        PlatformStandIn.Request put = receiver.onlyRequest();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/hooks/newsroom/p-42");
        assertThat(put.header("X-Newswire-Signature"))
                .isEqualTo("sha256=" + hmac(SECRET, put.header("X-Newswire-Timestamp") + "." + put.bodyText()));
        assertThat(json.readTree(put.body()).get("title").asString()).isEqualTo("Жаңалықтар: бюджет");
    }

    /** Computed here with the JDK alone, as a receiver would, not with the adapter's code. */
    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
