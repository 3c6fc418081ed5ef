package io.newswire.notify.social;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Posts stories to a Telegram channel through the Bot API
 * (<a href="https://core.telegram.org/bots/api#sendmessage">sendMessage</a>,
 * <a href="https://core.telegram.org/bots/api#sendphoto">sendPhoto</a>), in
 * <a href="https://core.telegram.org/bots/api#html-style">HTML style</a>.
 *
 * <p>Reads from {@link SocialAccount}: credential {@code bot-token}; settings {@code chat-id}
 * ({@code @channel} or {@code -100...}) and, optionally, {@code channel-username} (without {@code @})
 * for post URLs {@code https://t.me/<username>/<message_id>} (else taken from an {@code @} chat id
 * or the chat in the answer; a private channel has no public URL). The default API root is
 * {@code https://api.telegram.org}.
 *
 * <p>The bot token is part of the request path, so the URL is never logged nor put in a failure:
 * failures name the method ({@code "POST sendMessage"}).
 *
 * <p>The text is the formatter's plain text with {@code &}, {@code <} and {@code >} escaped, and
 * the story link left as a plain URL, which Telegram links by itself: no attribute to escape, and
 * the visible text is exactly what the formatter measured. A story with a lead image goes out as a
 * photo with the text as caption when the text fits a caption (1024 characters); otherwise as a
 * message whose link preview shows the story (and so does a photo Telegram refuses, e.g. an image
 * URL it cannot fetch). Published ids are {@code chatId/messageId}, prefixed
 * {@code photo:} for photos, so an edit changes the caption rather than the text.
 */
@Component
public class TelegramChannel implements SocialChannel {

    static final URI DEFAULT_API = URI.create("https://api.telegram.org");
    static final int CAPTION_LIMIT = 1024;
    private static final String PHOTO = "photo:";

    private final Clock clock;
    private final RestClient http;

    public TelegramChannel(Clock clock) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
    }

    @Override
    public Network network() {
        return Network.TELEGRAM;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        boolean photo = post.image() != null && post.text().length() <= CAPTION_LIMIT;
        if (photo) {
            try {
                return send(account, post, true);
            }
            catch (SocialFailure failure) {
                // Telegram could not use the image (it fetches the URL itself and refuses some):
                // nothing was posted, and the story is worth more than its picture.
                if (failure.kind() != SocialFailure.Kind.REJECTED) {
                    throw failure;
                }
            }
        }
        return send(account, post, false);
    }

    private PublishedPost send(SocialAccount account, SocialPost post, boolean photo) {
        String chatId = account.setting("chat-id");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        String method;
        if (photo) {
            method = "sendPhoto";
            body.put("photo", post.image().url().toString());
            body.put("caption", html(post.text()));
        }
        else {
            method = "sendMessage";
            body.put("text", html(post.text()));
            body.put("link_preview_options", linkPreview(post));
        }
        body.put("parse_mode", "HTML");
        JsonNode message = call(account, method, body).path("result");
        String chat = message.path("chat").path("id").isMissingNode() ? chatId : message.path("chat").path("id").asString();
        String messageId = message.path("message_id").asString();
        if (messageId.isEmpty()) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, "POST " + method + " answered without a message_id");
        }
        String id = (photo ? PHOTO : "") + chat + "/" + messageId;
        return new PublishedPost(id, postUrl(account, message.path("chat"), messageId));
    }

    @Override
    public boolean canEdit() {
        return true;
    }

    @Override
    public PublishedPost edit(SocialAccount account, PublishedPost published, SocialPost post) {
        MessageRef ref = MessageRef.of(published.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", ref.chatId());
        body.put("message_id", Long.parseLong(ref.messageId()));
        String method;
        if (ref.photo()) {
            method = "editMessageCaption";
            body.put("caption", html(post.text()));
        }
        else {
            method = "editMessageText";
            body.put("text", html(post.text()));
            body.put("link_preview_options", linkPreview(post));
        }
        body.put("parse_mode", "HTML");
        try {
            call(account, method, body);
        }
        catch (SocialFailure failure) {
            // Sending the same text again (a redelivered correction) is not an error for us.
            if (failure.kind() != SocialFailure.Kind.REJECTED || !failure.getMessage().contains("message is not modified")) {
                throw failure;
            }
        }
        return published;
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        MessageRef ref = MessageRef.of(published.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", ref.chatId());
        body.put("message_id", Long.parseLong(ref.messageId()));
        try {
            call(account, "deleteMessage", body);
        }
        catch (SocialFailure failure) {
            if (failure.kind() != SocialFailure.Kind.REJECTED || !failure.getMessage().contains("message to delete not found")) {
                throw failure;
            }
        }
    }

    /** Escapes plain text for HTML parse mode: every {@code &}, {@code <} and {@code >} (quotes only matter in attributes, and we write none). */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, Object> linkPreview(SocialPost post) {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("url", post.link().toString());
        preview.put("prefer_large_media", true);
        return preview;
    }

    /** Calls a Bot API method and returns the answer's JSON when it says {@code ok}; otherwise throws its failure. */
    private JsonNode call(SocialAccount account, String method, Map<String, Object> body) {
        String what = "POST " + method;
        URI base = account.apiBase() == null ? DEFAULT_API : account.apiBase();
        URI uri;
        try {
            uri = URI.create(base.toString().replaceAll("/+$", "") + "/bot" + account.credential("bot-token") + "/" + method);
        }
        catch (IllegalArgumentException ex) {
            // URI.create's message would quote the token.
            throw new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, "Account " + account.id() + " has a bot-token that does not fit in a URL");
        }
        PlatformAnswer answer = PlatformAnswer.send(http.post().uri(uri).contentType(MediaType.APPLICATION_JSON)
                .body(PlatformAnswer.toJson(body)), what);
        JsonNode json = answer.json();
        if (answer.ok() && json.path("ok").asBoolean(false)) {
            return json;
        }
        throw failure(answer, json, what);
    }

    private SocialFailure failure(PlatformAnswer answer, JsonNode json, String what) {
        int code = json.path("error_code").asInt(answer.status());
        String description = json.path("description").asString("");
        String message = what + " answered " + code + (description.isEmpty() ? "" : ": " + description);
        if (code == 429) {
            // Telegram's flood control says how long in the body; Retry-After is only a fallback.
            JsonNode retryAfter = json.path("parameters").path("retry_after");
            Duration wait = retryAfter.isNumber() ? Duration.ofSeconds(retryAfter.asLong())
                    : PlatformResponses.retryAfter(answer.headers(), clock);
            return SocialFailure.rateLimited(message, wait);
        }
        if (code == 401 || code == 403) {
            return new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, message);
        }
        if (code >= 500 || code == 408 || !answer.ok() && answer.status() >= 500) {
            return new SocialFailure(SocialFailure.Kind.TRANSIENT, message);
        }
        if (answer.ok()) {
            // 200 without "ok": true is not an answer we understand; trying again is the safe reading.
            return new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " answered " + answer.status() + " without ok");
        }
        return new SocialFailure(SocialFailure.Kind.REJECTED, message);
    }

    private static URI postUrl(SocialAccount account, JsonNode chat, String messageId) {
        String username = account.settings().get("channel-username");
        if (username == null || username.isBlank()) {
            String chatId = account.settings().get("chat-id");
            if (chatId != null && chatId.startsWith("@")) {
                username = chatId;
            }
            else if (chat.path("username").isString()) {
                username = chat.path("username").asString();
            }
        }
        if (username == null || username.isBlank()) {
            return null;
        }
        return URI.create("https://t.me/" + username.replaceFirst("^@", "") + "/" + messageId);
    }

    /** A published id taken apart: {@code [photo:]chatId/messageId}. */
    record MessageRef(boolean photo, String chatId, String messageId) {

        static MessageRef of(String id) {
            boolean photo = id.startsWith(PHOTO);
            String rest = photo ? id.substring(PHOTO.length()) : id;
            int slash = rest.lastIndexOf('/');
            if (slash <= 0 || !rest.substring(slash + 1).matches("\\d+")) {
                throw new SocialFailure(SocialFailure.Kind.REJECTED, "Not a Telegram message id: " + id);
            }
            return new MessageRef(photo, rest.substring(0, slash), rest.substring(slash + 1));
        }
    }
}
