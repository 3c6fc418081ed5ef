package io.newswire.notify.social;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Publishes a story on Threads (https://developers.facebook.com/docs/threads/posts):
 * {@code POST /{threads-user-id}/threads} creates a container, {@code media_type=TEXT} with
 * {@code text} (the first URL in it becomes the link preview), or {@code media_type=IMAGE} with
 * {@code image_url}, {@code text} and {@code alt_text} when the story has a lead image; an image
 * container is looked at ({@code GET /{container-id}?fields=status,error_message}) until FINISHED;
 * {@code POST /{threads-user-id}/threads_publish} with {@code creation_id} publishes it; and
 * {@code GET /{media-id}?fields=permalink} finds where readers see it.
 *
 * <p>Reads from the {@link SocialAccount}: credential {@code access-token} (with
 * {@code threads_basic}, {@code threads_content_publish}, and {@code threads_delete} for retractions);
 * settings {@code threads-user-id} and optional {@code api-version} (default {@value #DEFAULT_VERSION}).
 * {@code apiBase} defaults to {@code https://graph.threads.net}.
 *
 * <p>Retractions delete the post ({@code DELETE /{threads-media-id}},
 * https://developers.facebook.com/docs/threads/posts/delete-posts; 100 deletions per account per
 * day). Threads has no edit through the API.
 */
@Component
public class ThreadsChannel implements SocialChannel {

    static final String DEFAULT_VERSION = "v1.0";
    static final URI DEFAULT_BASE = URI.create("https://graph.threads.net");
    static final int CONTAINER_CHECKS = 5;
    static final Duration CONTAINER_INTERVAL = Duration.ofSeconds(2);

    private final Clock clock;
    private final RestClient http;
    private final GraphApi.ContainerWait wait;

    @Autowired
    public ThreadsChannel(Clock clock) {
        this(clock, GraphApi.ContainerWait.sleeping());
    }

    ThreadsChannel(Clock clock, GraphApi.ContainerWait wait) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
        this.wait = wait;
    }

    @Override
    public Network network() {
        return Network.THREADS;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        GraphApi graph = graph(account);
        String user = account.setting("threads-user-id");
        boolean image = post.image() != null && post.image().url() != null;

        Map<String, String> container = new LinkedHashMap<>();
        container.put("media_type", image ? "IMAGE" : "TEXT");
        container.put("text", post.text());
        if (image) {
            container.put("image_url", post.image().url().toString());
            if (post.image().altText() != null && !post.image().altText().isBlank()) {
                container.put("alt_text", post.image().altText());
            }
        }
        String containerId = InstagramChannel.id(graph.post(container, user, "threads"), "POST /{threads-user-id}/threads");
        if (image) {
            // A text container can be published at once; an image one only once Threads has fetched the image.
            graph.awaitFinished(containerId, "status", CONTAINER_CHECKS, CONTAINER_INTERVAL, wait);
        }
        String mediaId = InstagramChannel.id(graph.post(Map.of("creation_id", containerId), user, "threads_publish"),
                "POST /{threads-user-id}/threads_publish");
        return new PublishedPost(mediaId, InstagramChannel.permalink(graph, mediaId));
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public void delete(SocialAccount account, PublishedPost published) {
        graph(account).delete(published.id());
    }

    private GraphApi graph(SocialAccount account) {
        return new GraphApi(http, clock, account.apiBase() != null ? account.apiBase() : DEFAULT_BASE,
                account.settings().getOrDefault("api-version", DEFAULT_VERSION), account.credential("access-token"));
    }
}
