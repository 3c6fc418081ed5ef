package io.newswire.notify.social;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts a story to TikTok as a photo post with its lead image, through the Content Posting API:
 * <a href="https://developers.tiktok.com/doc/content-posting-api-reference-photo-post">Photo post</a>
 * ({@code POST /v2/post/publish/content/init/}), with errors read as in
 * <a href="https://developers.tiktok.com/doc/tiktok-api-v2-error-handling">Error handling</a> and
 * <a href="https://developers.tiktok.com/doc/tiktok-api-v2-rate-limit">Rate limits</a>. See docs/social.md,
 * "TikTok and YouTube", for what the API allows and what the newsroom has to set up.
 *
 * <p>Reads from the {@link SocialAccount}:
 * <ul>
 *   <li>{@code apiBase}: {@code https://open.tiktokapis.com}</li>
 *   <li>credential {@code access-token}: the TikTok user's access token, with scope {@code video.publish}
 *       ({@code video.upload} for {@code MEDIA_UPLOAD}); TikTok's tokens last 24 hours and are not refreshed
 *       here, an expired one is answered {@code access_token_invalid} and the account shows as needing attention</li>
 *   <li>setting {@code privacy-level} (default {@code PUBLIC_TO_EVERYONE}): one of the levels the creator's
 *       {@code creator_info} allows; an app TikTok has not audited may only post {@code SELF_ONLY}</li>
 *   <li>setting {@code post-mode} (default {@code DIRECT_POST}): or {@code MEDIA_UPLOAD}, which sends the post to
 *       the account's TikTok inbox for someone to finish in the app</li>
 *   <li>settings {@code disable-comment} and {@code auto-add-music} ({@code true}/{@code false}, default false)</li>
 * </ul>
 *
 * <p>Only a story with a lead image can be posted: TikTok has no text posts. TikTok fetches the image itself
 * ({@code PULL_FROM_URL}), which it does only from a URL prefix or domain the app has verified, and only JPEG or
 * WebP. The post's title is the headline (TikTok keeps 90 characters), its description the formatted text.
 *
 * <p>TikTok answers a {@code publish_id} and publishes asynchronously (a public post is moderated first, and
 * TikTok gives no post id until then), so the published post's id is the {@code publish_id} and its URL
 * {@code null}. The API has no edit or delete.
 */
@Component
public class TikTokChannel implements SocialChannel {

    static final String INIT_PATH = "/v2/post/publish/content/init/";
    static final int TITLE_LIMIT = 90;
    static final int DESCRIPTION_LIMIT = 4000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WHAT = "TikTok content init";

    /** The per-token limit is counted over a one-minute sliding window, so a minute is always enough. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /**
     * TikTok's posting caps (posts per creator per day, active users of an unaudited app) say no reset time;
     * waiting an hour keeps the retries rare without losing a day.
     */
    static final Duration DAILY_CAP_WAIT = Duration.ofHours(1);

    /** Errors the newsroom must fix on the account or the app: token, scope, verified domain, audit, privacy. */
    private static final Set<String> NEEDS_ATTENTION = Set.of("access_token_invalid", "scope_not_authorized",
            "scope_permission_missed", "url_ownership_unverified", "unaudited_client_can_only_post_to_private_accounts",
            "privacy_level_option_mismatch", "spam_risk_user_banned_from_posting");
    private static final Set<String> DAILY_CAPS = Set.of("spam_risk_too_many_posts", "reached_active_user_cap");

    private final Clock clock;
    private final RestClient client;

    public TikTokChannel(Clock clock) {
        this.clock = clock;
        this.client = PlatformResponses.client(clock).build();
    }

    @Override
    public Network network() {
        return Network.TIKTOK;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        if (post.image() == null) {
            throw new SocialFailure(SocialFailure.Kind.REJECTED, "TikTok takes photo posts only; story "
                    + post.storyId() + " has no lead image");
        }
        String type = post.image().mediaType();
        if (type != null && !type.isBlank() && !Set.of("image/jpeg", "image/jpg", "image/webp")
                .contains(type.toLowerCase(Locale.ROOT))) {
            throw new SocialFailure(SocialFailure.Kind.REJECTED, "TikTok photo posts take JPEG or WebP, not " + type);
        }
        URI uri = UriComponentsBuilder.fromUri(account.apiBase()).path(INIT_PATH).build(true).toUri();
        Answer answer;
        try {
            answer = client.post().uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.credential("access-token"))
                    .contentType(new MediaType("application", "json", StandardCharsets.UTF_8))
                    .body(request(account, post).getBytes(StandardCharsets.UTF_8))
                    .exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders(),
                            res.getBody().readAllBytes()));
        }
        catch (RestClientException ex) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, WHAT + ": no answer (" + rootName(ex) + ")");
        }
        JsonNode body = json(answer.body());
        String code = text(body.path("error").path("code"));
        String publishId = text(body.path("data").path("publish_id"));
        if (answer.status() == 200 && "ok".equals(code) && publishId != null) {
            return new PublishedPost(publishId, null);
        }
        throw failure(answer, code, text(body.path("error").path("log_id")));
    }

    /** The JSON body of the photo post, as the reference documents it. */
    String request(SocialAccount account, SocialPost post) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode info = body.putObject("post_info");
        info.put("title", DiscordChannel.cut(post.title() == null ? "" : post.title(), TITLE_LIMIT));
        info.put("description", DiscordChannel.cut(post.text(), DESCRIPTION_LIMIT));
        info.put("privacy_level", setting(account, "privacy-level", "PUBLIC_TO_EVERYONE"));
        info.put("disable_comment", Boolean.parseBoolean(setting(account, "disable-comment", "false")));
        info.put("auto_add_music", Boolean.parseBoolean(setting(account, "auto-add-music", "false")));
        ObjectNode source = body.putObject("source_info");
        source.put("source", "PULL_FROM_URL");
        source.putArray("photo_images").add(post.image().url().toString());
        source.put("photo_cover_index", 0);
        body.put("post_mode", setting(account, "post-mode", "DIRECT_POST"));
        body.put("media_type", "PHOTO");
        return JSON.writeValueAsString(body);
    }

    private SocialFailure failure(Answer answer, String code, String logId) {
        // TikTok's log_id is what its support asks for; the code says what went wrong. Neither is a secret.
        String message = WHAT + " answered " + answer.status() + (code == null ? "" : " " + code)
                + (logId == null ? "" : " (log_id " + logId + ")");
        if ("rate_limit_exceeded".equals(code) || answer.status() == 429) {
            Duration wait = PlatformResponses.retryAfter(answer.headers(), clock);
            return SocialFailure.rateLimited(message, wait == null ? RATE_WINDOW : wait);
        }
        if (DAILY_CAPS.contains(code)) {
            return SocialFailure.rateLimited(message, DAILY_CAP_WAIT);
        }
        if (NEEDS_ATTENTION.contains(code)) {
            return new SocialFailure(SocialFailure.Kind.UNAUTHORIZED, message);
        }
        if ("internal_error".equals(code)) {
            return new SocialFailure(SocialFailure.Kind.TRANSIENT, message);
        }
        if (answer.status() == 200) {
            // 200 without "ok" and a publish_id: TikTok did not say it took the post, so it may be asked again.
            return new SocialFailure(SocialFailure.Kind.TRANSIENT, message);
        }
        SocialFailure generic = PlatformResponses.failure(answer.status(), answer.headers(), WHAT, clock);
        return new SocialFailure(generic.kind(), message, generic.retryAfter(), null, null);
    }

    private static String setting(SocialAccount account, String name, String fallback) {
        String value = account.settings().get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static JsonNode json(byte[] body) {
        try {
            return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
        }
        catch (JacksonException ex) {
            return JSON.missingNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : null;
    }

    private static String rootName(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private record Answer(int status, HttpHeaders headers, byte[] body) {
    }
}
