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

class TelegramChannelTest {

    static final String TOKEN = "123456:AAE-secret_bot-token";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final PlatformStandIn telegram = new PlatformStandIn();
    final TelegramChannel channel = new TelegramChannel(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
    final SocialAccount account = new SocialAccount("tg-main", Network.TELEGRAM, telegram.base(),
            Map.of("bot-token", TOKEN), Map.of("chat-id", "@newswire_news"));

    final SocialPost post = new SocialPost("story-1", "Rates <up> & markets \"calm\" https://news.example/a?x=1&y=2",
            URI.create("https://news.example/a?x=1&y=2"), "Rates up", "Markets calm", null, List.of(), "en", "k-1");

    @AfterEach
    void stop() {
        telegram.close();
    }

    static String sent(long messageId, boolean photo) {
        return """
                {"ok":true,"result":{"message_id":%d,"sender_chat":{"id":-1001234567890,"title":"Newswire","username":"newswire_news","type":"channel"},
                "chat":{"id":-1001234567890,"title":"Newswire","username":"newswire_news","type":"channel"},"date":1795953600,%s}}"""
                .formatted(messageId, photo ? "\"photo\":[{\"file_id\":\"AgAD\",\"file_unique_id\":\"AQAD\",\"width\":90,\"height\":60,\"file_size\":1200}],\"caption\":\"x\""
                        : "\"text\":\"x\"");
    }

    @Test
    void sendsTheTextEscapedForHtmlToTheChannelAndReturnsTheMessage() {
        telegram.then(Response.json(200, sent(42, false)));

        PublishedPost published = channel.publish(account, post);

        PlatformStandIn.Request request = telegram.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.bodyText());
        assertThat(body.path("chat_id").asString()).isEqualTo("@newswire_news");
        assertThat(body.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(body.path("text").asString())
                .isEqualTo("Rates &lt;up&gt; &amp; markets \"calm\" https://news.example/a?x=1&amp;y=2");
        assertThat(body.path("link_preview_options").path("url").asString()).isEqualTo("https://news.example/a?x=1&y=2");
        assertThat(published).isEqualTo(new PublishedPost("-1001234567890/42", URI.create("https://t.me/newswire_news/42")));
    }

    @Test
    void storyWithALeadImageGoesOutAsAPhotoWithCaption() {
        telegram.then(Response.json(200, sent(43, true)));
        SocialPost withImage = new SocialPost("story-1", "Rates up https://news.example/a", URI.create("https://news.example/a"),
                "Rates up", "", new SocialPost.Image(URI.create("https://cdn.example/lead.jpg"), "A chart", "image/jpeg"),
                List.of(), "en", "k-1");

        PublishedPost published = channel.publish(account, withImage);

        PlatformStandIn.Request request = telegram.onlyRequest();
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendPhoto");
        JsonNode body = JSON.readTree(request.bodyText());
        assertThat(body.path("photo").asString()).isEqualTo("https://cdn.example/lead.jpg");
        assertThat(body.path("caption").asString()).isEqualTo("Rates up https://news.example/a");
        assertThat(body.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(published.id()).isEqualTo("photo:-1001234567890/43");
    }

    @Test
    void aPhotoTelegramCannotUseFallsBackToAMessage() {
        telegram.then(Response.json(400, """
                {"ok":false,"error_code":400,"description":"Bad Request: wrong file identifier/HTTP URL specified"}"""))
                .then(Response.json(200, sent(44, false)));
        SocialPost withImage = new SocialPost("story-1", "Rates up https://news.example/a", URI.create("https://news.example/a"),
                "Rates up", "", new SocialPost.Image(URI.create("https://cdn.example/lead.webp"), "A chart", "image/webp"),
                List.of(), "en", "k-1");

        PublishedPost published = channel.publish(account, withImage);

        assertThat(telegram.requests()).extracting(PlatformStandIn.Request::path)
                .containsExactly("/bot" + TOKEN + "/sendPhoto", "/bot" + TOKEN + "/sendMessage");
        assertThat(published.id()).isEqualTo("-1001234567890/44");
    }

    @Test
    void floodControlWaitsAsTheBodySays() {
        telegram.then(Response.json(429, """
                {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(failure.getMessage()).startsWith("POST sendMessage answered 429").doesNotContain(TOKEN);
        });
    }

    @Test
    void serverErrorIsTransient() {
        telegram.then(Response.json(502, "<html><body>Bad Gateway</body></html>"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void wrongTokenOrKickedBotIsUnauthorizedAndTheMessageHoldsNoToken() {
        telegram.then(Response.json(401, """
                {"ok":false,"error_code":401,"description":"Unauthorized"}"""));
        telegram.then(Response.json(403, """
                {"ok":false,"error_code":403,"description":"Forbidden: bot was kicked from the channel chat"}"""));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
                assertThat(failure.getMessage()).contains("POST sendMessage").doesNotContain(TOKEN).doesNotContain("/bot");
            });
        }
    }

    @Test
    void badRequestIsRejected() {
        telegram.then(Response.json(400, """
                {"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"""));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.REJECTED);
            assertThat(failure.getMessage()).isEqualTo("POST sendMessage answered 400: Bad Request: chat not found");
        });
    }

    @Test
    void unreachableApiIsTransientWithoutTheUrl() {
        telegram.close();

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT);
            assertThat(failure.getMessage()).startsWith("POST sendMessage").doesNotContain(TOKEN);
            assertThat(failure.getCause()).isNull();
        });
    }

    @Test
    void editChangesTheTextOfAMessageAndTheCaptionOfAPhoto() {
        telegram.then(Response.json(200, sent(42, false))).then(Response.json(200, sent(43, true)));
        SocialPost corrected = new SocialPost("story-1", "Rates <down> https://news.example/a", URI.create("https://news.example/a"),
                "Rates down", "", null, List.of(), "en", "k-1");

        assertThat(channel.canEdit()).isTrue();
        PublishedPost message = new PublishedPost("-1001234567890/42", URI.create("https://t.me/newswire_news/42"));
        assertThat(channel.edit(account, message, corrected)).isEqualTo(message);
        channel.edit(account, new PublishedPost("photo:-1001234567890/43", null), corrected);

        List<PlatformStandIn.Request> requests = telegram.requests();
        assertThat(requests.get(0).path()).isEqualTo("/bot" + TOKEN + "/editMessageText");
        JsonNode text = JSON.readTree(requests.get(0).bodyText());
        assertThat(text.path("chat_id").asString()).isEqualTo("-1001234567890");
        assertThat(text.path("message_id").asLong()).isEqualTo(42);
        assertThat(text.path("text").asString()).isEqualTo("Rates &lt;down&gt; https://news.example/a");
        assertThat(text.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(requests.get(1).path()).isEqualTo("/bot" + TOKEN + "/editMessageCaption");
        JsonNode caption = JSON.readTree(requests.get(1).bodyText());
        assertThat(caption.path("message_id").asLong()).isEqualTo(43);
        assertThat(caption.path("caption").asString()).isEqualTo("Rates &lt;down&gt; https://news.example/a");
    }

    @Test
    void editWithTheSameTextAgainIsNoError() {
        telegram.then(Response.json(400, """
                {"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"}"""));
        PublishedPost message = new PublishedPost("-1001234567890/42", null);

        assertThat(channel.edit(account, message, post)).isEqualTo(message);
    }

    @Test
    void deleteRemovesTheMessageAndAMessageAlreadyGoneCountsAsDeleted() {
        telegram.then(Response.json(200, "{\"ok\":true,\"result\":true}"));
        telegram.then(Response.json(400, """
                {"ok":false,"error_code":400,"description":"Bad Request: message to delete not found"}"""));

        assertThat(channel.canDelete()).isTrue();
        channel.delete(account, new PublishedPost("-1001234567890/42", null));
        channel.delete(account, new PublishedPost("photo:-1001234567890/43", null));

        PlatformStandIn.Request request = telegram.requests().get(0);
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/deleteMessage");
        JsonNode body = JSON.readTree(request.bodyText());
        assertThat(body.path("chat_id").asString()).isEqualTo("-1001234567890");
        assertThat(body.path("message_id").asLong()).isEqualTo(42);
        assertThat(JSON.readTree(telegram.requests().get(1).bodyText()).path("message_id").asLong()).isEqualTo(43);
    }
}
