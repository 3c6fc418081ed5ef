package io.newswire.notify.social;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Publishes a story with its lead image on an Instagram professional account through content
 * publishing (https://developers.facebook.com/docs/instagram-platform/content-publishing):
 * {@code POST /{ig-user-id}/media} with {@code image_url}, {@code caption} and {@code alt_text}
 * creates a container; {@code GET /{container-id}?fields=status_code} until it is FINISHED
 * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container);
 * {@code POST /{ig-user-id}/media_publish} with {@code creation_id} publishes it; and
 * {@code GET /{media-id}?fields=permalink} finds where readers see it.
 *
 * <p>Instagram posts are images: a story without a lead image is refused as
 * {@link SocialFailure.Kind#REJECTED}; the pipeline can skip such stories up front with {@link #accepts}.
 *
 * <p>Reads from the {@link SocialAccount}: credential {@code access-token} (with
 * {@code instagram_content_publish}, or {@code instagram_business_content_publish} on
 * {@code graph.instagram.com}); settings {@code ig-user-id} and optional {@code api-version} (default
 * {@value FacebookChannel#DEFAULT_VERSION}). {@code apiBase} defaults to {@code https://graph.facebook.com}.
 * Published media are neither edited nor deleted through the API here.
 */
@Component
public class InstagramChannel implements SocialChannel {

    static final URI DEFAULT_BASE = URI.create("https://graph.facebook.com");
    /** An image container is usually FINISHED within seconds; past this the dispatcher retries the post later. */
    static final int CONTAINER_CHECKS = 5;
    static final Duration CONTAINER_INTERVAL = Duration.ofSeconds(2);

    private final Clock clock;
    private final RestClient http;
    private final GraphApi.ContainerWait wait;

    @Autowired
    public InstagramChannel(Clock clock) {
        this(clock, GraphApi.ContainerWait.sleeping());
    }

    InstagramChannel(Clock clock, GraphApi.ContainerWait wait) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
        this.wait = wait;
    }

    /** Whether Instagram can take the post at all: only posts with an image. */
    public static boolean accepts(SocialPost post) {
        return post.image() != null && post.image().url() != null;
    }

    @Override
    public Network network() {
        return Network.INSTAGRAM;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        if (!accepts(post)) {
            throw new SocialFailure(SocialFailure.Kind.REJECTED, "Instagram needs an image; story " + post.storyId() + " has none");
        }
        GraphApi graph = graph(account);
        String user = account.setting("ig-user-id");

        Map<String, String> container = new LinkedHashMap<>();
        container.put("image_url", post.image().url().toString());
        container.put("caption", post.text());
        if (post.image().altText() != null && !post.image().altText().isBlank()) {
            container.put("alt_text", post.image().altText());
        }
        String containerId = id(graph.post(container, user, "media"), "POST /{ig-user-id}/media");
        graph.awaitFinished(containerId, "status_code", CONTAINER_CHECKS, CONTAINER_INTERVAL, wait);
        String mediaId = id(graph.post(Map.of("creation_id", containerId), user, "media_publish"),
                "POST /{ig-user-id}/media_publish");
        return new PublishedPost(mediaId, permalink(graph, mediaId));
    }

    static String id(JsonNode answer, String what) {
        String id = answer.path("id").asString("");
        if (id.isEmpty()) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, what + " answered without an id");
        }
        return id;
    }

    /** The post is out once published: not finding its permalink only leaves the status API without a URL. */
    static URI permalink(GraphApi graph, String mediaId) {
        try {
            String permalink = graph.get("permalink", mediaId).path("permalink").asString("");
            return permalink.startsWith("https://") ? URI.create(permalink) : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private GraphApi graph(SocialAccount account) {
        return new GraphApi(http, clock, account.apiBase() != null ? account.apiBase() : DEFAULT_BASE,
                account.settings().getOrDefault("api-version", FacebookChannel.DEFAULT_VERSION),
                account.credential("access-token"));
    }
}
