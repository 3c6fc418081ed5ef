package io.newswire.notify.social;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts a story to a Slack channel through an incoming webhook, following
 * <a href="https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks">Sending messages using
 * incoming webhooks</a> (including its "Handling errors" table),
 * <a href="https://docs.slack.dev/messaging/formatting-message-text">formatting message text</a> (escaping) and
 * <a href="https://docs.slack.dev/apis/web-api/rate-limits">rate limits</a>.
 *
 * <p>Reads from the {@link SocialAccount}: credential {@code webhook-url}, the whole
 * {@code https://hooks.slack.com/services/T…/B…/…} URL; it is a secret (the last segment is the token), so it never
 * appears in a failure message and an I/O error's cause (whose message would name the URL) is not kept. No settings;
 * the account's {@code apiBase} is not used.
 *
 * <p>The message is the account's formatted text as a {@code mrkdwn} section (with {@code &}, {@code <}, {@code >}
 * escaped, as Slack requires, so a headline like "A <b> & C" shows as written), plus the lead image as an image
 * block; {@code text} carries the same words for notifications. With an image block Slack's own link preview is
 * turned off ({@code unfurl_links: false}), else it is what shows the story's card.
 *
 * <p>An incoming webhook answers {@code 200 ok} and nothing else: no message id, and no way to edit or delete
 * the message afterwards (that needs the Web API and a bot token). So the published post's id is
 * {@code slack:<storyId>}, its URL {@code null}, and this channel neither edits nor deletes.
 */
@Component
public class SlackChannel implements SocialChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WHAT = "Slack incoming webhook";
    /** A section block's text holds at most 3000 characters (Block Kit reference). */
    static final int SECTION_TEXT_LIMIT = 3000;

    /**
     * Errors that mean the webhook no longer reaches a channel, whatever is posted: removed or disabled webhook,
     * workspace or channel gone or archived, posting forbidden by an admin. The account needs attention, as with
     * a revoked token.
     */
    private static final Set<String> DEAD_WEBHOOK = Set.of("no_service", "no_service_id", "no_team", "team_disabled",
            "invalid_token", "channel_not_found", "channel_is_archived", "action_prohibited",
            "posting_to_general_channel_denied", "user_not_found");

    private final Clock clock;
    private final RestClient client;

    public SlackChannel(Clock clock) {
        this.clock = clock;
        this.client = PlatformResponses.client(clock).build();
    }

    @Override
    public Network network() {
        return Network.SLACK;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        URI uri = URI.create(account.credential("webhook-url"));
        Answer answer;
        try {
            answer = client.post().uri(uri)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(message(post).getBytes(StandardCharsets.UTF_8))
                    .exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders(),
                            new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        }
        catch (RestClientException ex) {
            // The exception's message names the URL, which holds the token: keep only what kind of failure it was.
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, WHAT + ": no answer (" + rootName(ex) + ")");
        }
        if (answer.status() == 200) {
            return new PublishedPost("slack:" + post.storyId(), null);
        }
        String error = errorName(answer.body());
        if (DEAD_WEBHOOK.contains(error)) {
            throw new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, WHAT + " answered " + answer.status() + " " + error);
        }
        SocialFailure generic = PlatformResponses.failure(answer.status(), answer.headers(), WHAT, clock);
        throw error.isEmpty() ? generic
                : new SocialFailure(generic.kind(), generic.getMessage() + " " + error, generic.retryAfter(), null, null);
    }

    /** The JSON body: {@code text} for notifications, the same text as a mrkdwn section, the lead image. */
    String message(SocialPost post) {
        String text = escape(post.text(), SECTION_TEXT_LIMIT);
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text);
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode sectionText = section.putObject("text");
        sectionText.put("type", "mrkdwn");
        sectionText.put("text", text);
        if (post.image() != null) {
            ObjectNode image = blocks.addObject();
            image.put("type", "image");
            image.put("image_url", post.image().url().toString());
            String alt = post.image().altText();
            image.put("alt_text", alt != null && !alt.isBlank() ? alt
                    : post.title() != null && !post.title().isBlank() ? post.title() : "Lead image");
        }
        body.put("unfurl_links", post.image() == null);
        return JSON.writeValueAsString(body);
    }

    /**
     * Slack's three control characters escaped as its formatting guide says (and only those), within {@code limit}
     * characters once escaped: a longer text is cut before a whole code point, never inside an entity, with an
     * ellipsis (the formatter's limit is for the raw text; escaping lengthens it).
     */
    static String escape(String text, int limit) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String piece = switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> Character.toString(cp);
            };
            boolean last = i + Character.charCount(cp) >= text.length();
            if (out.length() + piece.length() > (last ? limit : limit - 1)) {
                return out.append('…').toString();
            }
            out.append(piece);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Slack's error is a short snake_case word in a text/plain body; anything else is not echoed. */
    private static String errorName(String body) {
        String trimmed = body == null ? "" : body.strip();
        return trimmed.length() <= 64 && trimmed.matches("[a-z_]+") ? trimmed : "";
    }

    private static String rootName(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private record Answer(int status, HttpHeaders headers, String body) {
    }
}
