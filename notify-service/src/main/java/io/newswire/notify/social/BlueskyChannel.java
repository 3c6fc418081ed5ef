package io.newswire.notify.social;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Posts stories to Bluesky through the AT Protocol's XRPC API
 * (<a href="https://docs.bsky.app/docs/advanced-guides/posts">creating a post</a>,
 * <a href="https://docs.bsky.app/docs/advanced-guides/post-richtext">links and rich text</a>,
 * <a href="https://docs.bsky.app/docs/api/com-atproto-repo-create-record">com.atproto.repo.createRecord</a>,
 * <a href="https://docs.bsky.app/docs/api/com-atproto-repo-upload-blob">uploadBlob</a>,
 * <a href="https://docs.bsky.app/docs/api/com-atproto-repo-delete-record">deleteRecord</a>,
 * <a href="https://docs.bsky.app/docs/advanced-guides/rate-limits">rate limits</a>).
 *
 * <p>Reads from {@link SocialAccount}: setting {@code handle} (e.g. {@code newswire.bsky.social});
 * credential {@code app-password} (an app password, never the account password). The default API
 * root is {@code https://bsky.social} (the account's PDS or entryway).
 *
 * <p>A post is an {@code app.bsky.feed.post} record: the text, a link facet over the story URL at
 * its UTF-8 byte offsets (and a tag facet per story hashtag in the text), and an
 * {@code app.bsky.embed.external} link card whose thumbnail is the lead image uploaded as a blob.
 * The image is fetched by a {@link SafeImageFetcher}; when it cannot be had, the card goes
 * without a thumbnail rather than the post failing. Sessions are reused across posts
 * ({@link BlueskySessions}). Published ids are AT URIs. Bluesky posts cannot be edited.
 */
@Component
public class BlueskyChannel implements SocialChannel {

    static final URI DEFAULT_API = URI.create("https://bsky.social");
    static final String POST = "app.bsky.feed.post";

    private final Clock clock;
    private final RestClient http;
    private final BlueskySessions sessions;
    private final ImageFetcher images;

    @Autowired
    public BlueskyChannel(Clock clock) {
        this(clock, new SafeImageFetcher());
    }

    BlueskyChannel(Clock clock, ImageFetcher images) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
        this.sessions = new BlueskySessions(http, clock);
        this.images = images;
    }

    @Override
    public Network network() {
        return Network.BLUESKY;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", POST);
        record.put("text", post.text());
        record.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        if (post.language() != null && !post.language().isBlank()) {
            record.put("langs", List.of(post.language()));
        }
        List<Map<String, Object>> facets = facets(post.text(), post.link().toString(), post.hashtags());
        if (!facets.isEmpty()) {
            record.put("facets", facets);
        }
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("uri", post.link().toString());
        external.put("title", post.title() == null ? "" : post.title());
        external.put("description", post.summary() == null ? "" : post.summary());
        thumb(account, post).ifPresent(blob -> external.put("thumb", blob));
        record.put("embed", Map.of("$type", "app.bsky.embed.external", "external", external));

        BlueskySessions.Session session = sessions.current(account);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", session.did());
        body.put("collection", POST);
        body.put("record", record);
        String what = "POST com.atproto.repo.createRecord";
        PlatformAnswer answer = sessions.call(account, what, auth -> http.post()
                .uri(BlueskySessions.xrpc(account, "com.atproto.repo.createRecord"))
                .header(HttpHeaders.AUTHORIZATION, auth)
                .contentType(MediaType.APPLICATION_JSON)
                .body(PlatformAnswer.toJson(body)));
        if (!answer.ok()) {
            throw failure(answer, what, clock);
        }
        String uri = answer.json().path("uri").asString("");
        if (!uri.startsWith("at://")) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " answered " + answer.status() + " without a record uri");
        }
        String handle = sessions.current(account).handle();
        return new PublishedPost(uri, URI.create("https://bsky.app/profile/" + handle + "/post/" + rkey(uri)));
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        String[] parts = published.id().substring("at://".length()).split("/");
        if (!published.id().startsWith("at://") || parts.length != 3) {
            throw new SocialFailure(SocialFailure.Kind.REJECTED, "Not a Bluesky post URI: " + published.id());
        }
        String body = PlatformAnswer.toJson(Map.of("repo", parts[0], "collection", parts[1], "rkey", parts[2]));
        String what = "POST com.atproto.repo.deleteRecord";
        // Deleting a record that is already gone succeeds, so a repeated retraction needs nothing special.
        PlatformAnswer answer = sessions.call(account, what, auth -> http.post()
                .uri(BlueskySessions.xrpc(account, "com.atproto.repo.deleteRecord"))
                .header(HttpHeaders.AUTHORIZATION, auth)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body));
        if (!answer.ok()) {
            throw failure(answer, what, clock);
        }
    }

    /**
     * The link facet over the first occurrence of the link, and a tag facet over each {@code #tag}
     * of the story's hashtags; offsets count UTF-8 bytes, as the lexicon says, not Java chars.
     */
    static List<Map<String, Object>> facets(String text, String link, List<String> hashtags) {
        List<Map<String, Object>> facets = new ArrayList<>();
        int at = link.isEmpty() ? -1 : text.indexOf(link);
        if (at >= 0) {
            facets.add(facet(text, at, at + link.length(), Map.of("$type", "app.bsky.richtext.facet#link", "uri", link)));
        }
        for (String tag : hashtags) {
            String written = "#" + tag;
            for (int i = text.indexOf(written); i >= 0 && !tag.isEmpty(); i = text.indexOf(written, i + written.length())) {
                int end = i + written.length();
                boolean whole = end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end)) && text.charAt(end) != '_';
                boolean insideLink = at >= 0 && i >= at && i < at + link.length();
                if (whole && !insideLink) {
                    facets.add(facet(text, i, end, Map.of("$type", "app.bsky.richtext.facet#tag", "tag", tag)));
                }
            }
        }
        return facets;
    }

    private static Map<String, Object> facet(String text, int start, int end, Map<String, Object> feature) {
        int byteStart = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
        int byteEnd = byteStart + text.substring(start, end).getBytes(StandardCharsets.UTF_8).length;
        Map<String, Object> facet = new LinkedHashMap<>();
        facet.put("index", Map.of("byteStart", byteStart, "byteEnd", byteEnd));
        facet.put("features", List.of(feature));
        return facet;
    }

    // The lead image as an uploaded blob, or nothing: a card without a thumbnail beats no post.
    private Optional<JsonNode> thumb(SocialAccount account, SocialPost post) {
        if (post.image() == null || post.image().url() == null) {
            return Optional.empty();
        }
        Optional<ImageFetcher.FetchedImage> image = images.fetch(post.image().url());
        if (image.isEmpty()) {
            return Optional.empty();
        }
        String what = "POST com.atproto.repo.uploadBlob";
        PlatformAnswer answer = sessions.call(account, what, auth -> http.post()
                .uri(BlueskySessions.xrpc(account, "com.atproto.repo.uploadBlob"))
                .header(HttpHeaders.AUTHORIZATION, auth)
                .contentType(MediaType.parseMediaType(image.get().mediaType()))
                .body(image.get().bytes()));
        if (answer.ok() && answer.json().path("blob").isObject()) {
            return Optional.of(answer.json().path("blob"));
        }
        if (answer.status() == 401 || answer.status() == 429) {
            // The account or its quota is the problem, and the post itself would meet it too.
            throw failure(answer, what, clock);
        }
        return Optional.empty();
    }

    private static String rkey(String atUri) {
        return atUri.substring(atUri.lastIndexOf('/') + 1);
    }

    static boolean isError(PlatformAnswer answer, String error) {
        return (answer.status() == 400 || answer.status() == 401) && error.equals(answer.json().path("error").asString(""));
    }

    /** Bluesky's reading of a refusal: its {@code error} name, and {@code RateLimit-Reset} (epoch seconds) on 429. */
    static SocialFailure failure(PlatformAnswer answer, String what, Clock clock) {
        JsonNode json = answer.json();
        String error = json.path("error").asString("");
        String detail = json.path("message").asString("");
        String message = what + " answered " + answer.status() + (error.isEmpty() ? "" : ": " + error)
                + (detail.isEmpty() ? "" : " (" + detail + ")");
        if (answer.status() == 429) {
            Duration wait = BlueskySessions.untilReset(answer.headers().getFirst("RateLimit-Reset"), clock);
            return SocialFailure.rateLimited(message, wait != null ? wait : PlatformResponses.retryAfter(answer.headers(), clock));
        }
        SocialFailure generic = PlatformResponses.failure(answer.status(), answer.headers(), what, clock);
        return new SocialFailure(generic.kind(), message);
    }
}
