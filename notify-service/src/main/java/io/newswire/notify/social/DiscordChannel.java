package io.newswire.notify.social;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts a story to a Discord channel through an incoming webhook, following
 * <a href="https://discord.com/developers/docs/resources/webhook#execute-webhook">Execute Webhook</a>,
 * <a href="https://discord.com/developers/docs/resources/webhook#edit-webhook-message">Edit Webhook Message</a>,
 * <a href="https://discord.com/developers/docs/resources/webhook#delete-webhook-message">Delete Webhook Message</a> and
 * <a href="https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit">rate limits</a>.
 *
 * <p>Reads from the {@link SocialAccount}:
 * <ul>
 *   <li>credential {@code webhook-url}: the whole webhook URL, {@code https://discord.com/api/webhooks/{id}/{token}}
 *       (optionally with {@code ?thread_id=}). It is a secret, since the token is in the path: it never appears in a
 *       failure message, and an I/O error's cause (whose message would name the URL) is not kept.</li>
 *   <li>setting {@code guild-id} (optional): the server's id; when given, the published post's URL is the message
 *       link {@code https://discord.com/channels/{guild}/{channel}/{message}}, else {@code null}.</li>
 * </ul>
 * The account's {@code apiBase} is not used: the webhook URL is complete.
 *
 * <p>The message is the account's formatted text, plus one embed (the story's title, link, summary and lead image).
 * {@code allowed_mentions: {parse: []}} means that a story quoting "@everyone" or a role pings nobody. The story's
 * link in the text is wrapped in {@code <...>}, Discord's way to suppress its own preview of that link, since the
 * embed already shows it. Execute is sent with {@code ?wait=true} so that Discord answers the created message, whose
 * id edits and deletes need; Discord lets a webhook edit and delete its own messages, so this channel does both.
 */
@Component
public class DiscordChannel implements SocialChannel {

    static final int EMBED_TITLE_LIMIT = 256;
    static final int EMBED_DESCRIPTION_LIMIT = 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Discord's JSON error code for a message that no longer exists (deleted by a moderator, say). */
    private static final int UNKNOWN_MESSAGE = 10008;

    private final Clock clock;
    private final RestClient client;

    public DiscordChannel(Clock clock) {
        this.clock = clock;
        this.client = PlatformResponses.client(clock).build();
    }

    @Override
    public Network network() {
        return Network.DISCORD;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        URI uri = UriComponentsBuilder.fromUriString(account.credential("webhook-url"))
                .queryParam("wait", "true")
                .build(true)
                .toUri();
        Answer answer = call(HttpMethod.POST, uri, message(post), "Discord execute webhook");
        if (answer.status() != 200) {
            throw failure(answer, "Discord execute webhook");
        }
        return published(account, answer);
    }

    @Override
    public boolean canEdit() {
        return true;
    }

    @Override
    public PublishedPost edit(SocialAccount account, PublishedPost published, SocialPost post) {
        Answer answer = call(HttpMethod.PATCH, messageUri(account, published), message(post), "Discord edit webhook message");
        if (answer.status() != 200) {
            throw failure(answer, "Discord edit webhook message");
        }
        return published(account, answer);
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        Answer answer = call(HttpMethod.DELETE, messageUri(account, published), null, "Discord delete webhook message");
        if (answer.status() == 204 || answer.status() == 200) {
            return;
        }
        if (answer.status() == 404 && discordCode(answer) == UNKNOWN_MESSAGE) {
            return;
        }
        throw failure(answer, "Discord delete webhook message");
    }

    /** The JSON body of an execute or edit: same fields, so an edit replaces text and card alike. */
    String message(SocialPost post) {
        ObjectNode body = JSON.createObjectNode();
        String text = post.text();
        if (post.link() != null) {
            String link = post.link().toString();
            // Discord shows no preview of a link written as <link>; the embed below is the preview.
            text = text.replace("<" + link + ">", link).replace(link, "<" + link + ">");
        }
        body.put("content", text);
        ArrayNode embeds = body.putArray("embeds");
        ObjectNode embed = embeds.addObject();
        if (post.title() != null && !post.title().isBlank()) {
            embed.put("title", cut(post.title(), EMBED_TITLE_LIMIT));
        }
        if (post.link() != null) {
            embed.put("url", post.link().toString());
        }
        if (post.summary() != null && !post.summary().isBlank()) {
            embed.put("description", cut(post.summary(), EMBED_DESCRIPTION_LIMIT));
        }
        if (post.image() != null) {
            embed.putObject("image").put("url", post.image().url().toString());
        }
        body.putObject("allowed_mentions").putArray("parse");
        return JSON.writeValueAsString(body);
    }

    private URI messageUri(SocialAccount account, PublishedPost published) {
        return UriComponentsBuilder.fromUriString(account.credential("webhook-url"))
                .pathSegment("messages", published.id())
                .build(true)
                .toUri();
    }

    private PublishedPost published(SocialAccount account, Answer answer) {
        JsonNode message = json(answer);
        String id = text(message.path("id"));
        if (id == null) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, "Discord answered 200 without a message id");
        }
        String guild = account.settings().get("guild-id");
        String channel = text(message.path("channel_id"));
        URI url = guild == null || guild.isBlank() || channel == null ? null
                : URI.create("https://discord.com/channels/" + guild + "/" + channel + "/" + id);
        return new PublishedPost(id, url);
    }

    private SocialFailure failure(Answer answer, String what) {
        if (answer.status() == 429) {
            // The body's retry_after is in seconds with a fraction; Retry-After rounds it.
            JsonNode body = json(answer);
            Duration wait = body.path("retry_after").isNumber()
                    ? Duration.ofMillis((long) Math.ceil(body.path("retry_after").asDouble() * 1000))
                    : PlatformResponses.retryAfter(answer.headers(), clock);
            boolean global = body.path("global").asBoolean(false);
            return SocialFailure.rateLimited(what + " answered 429" + (global ? " (global limit)" : ""), wait);
        }
        if (answer.status() == 404) {
            // 404 on the webhook itself (Unknown Webhook, 10015): it was deleted, so the credential is dead and
            // the account needs attention; an unknown message on edit is a plain refusal.
            int code = discordCode(answer);
            if (code != UNKNOWN_MESSAGE) {
                return new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, what + " answered 404 (code " + code + ")");
            }
        }
        SocialFailure generic = PlatformResponses.failure(answer.status(), answer.headers(), what, clock);
        int code = discordCode(answer);
        return code == 0 ? generic : new SocialFailure(generic.kind(), generic.getMessage() + " (code " + code + ")");
    }

    private int discordCode(Answer answer) {
        return json(answer).path("code").asInt(0);
    }

    private Answer call(HttpMethod method, URI uri, String body, String what) {
        try {
            RestClient.RequestBodySpec request = client.method(method).uri(uri);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body.getBytes(StandardCharsets.UTF_8));
            }
            return request.exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders(),
                    res.getBody().readAllBytes()));
        }
        catch (RestClientException ex) {
            // The exception's message names the URL, which holds the token: keep only what kind of failure it was.
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + ": no answer (" + rootName(ex) + ")");
        }
    }

    private static String rootName(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static JsonNode json(Answer answer) {
        try {
            return answer.body().length == 0 ? JSON.missingNode() : JSON.readTree(answer.body());
        }
        catch (JacksonException ex) {
            return JSON.missingNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : null;
    }

    /** At most {@code limit} characters, cut before a whole code point and marked with an ellipsis. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private record Answer(int status, HttpHeaders headers, byte[] body) {
    }
}
