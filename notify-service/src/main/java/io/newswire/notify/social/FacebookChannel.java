package io.newswire.notify.social;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Posts a story to a Facebook Page's feed through the Pages API
 * (https://developers.facebook.com/docs/pages-api/posts, https://developers.facebook.com/docs/graph-api/reference/page/feed):
 * {@code POST /{api-version}/{page-id}/feed} with {@code message} (the post's text) and {@code link}
 * (the story, shown as a link preview), answered with {@code {"id":"{page-id}_{post-id}"}}.
 *
 * <p>Reads from the {@link SocialAccount}: credential {@code page-access-token} (a Page access token
 * with {@code pages_manage_posts}); settings {@code page-id} and optional {@code api-version}
 * (default {@value #DEFAULT_VERSION}). {@code apiBase} defaults to {@code https://graph.facebook.com}.
 *
 * <p>Retractions delete the post ({@code DELETE /{post-id}}). Titles are not edited: the issue edits
 * only on Mastodon and Telegram, so {@link #canEdit()} stays false even though Graph lets a Page post's
 * message be changed.
 */
@Component
public class FacebookChannel implements SocialChannel {

    static final String DEFAULT_VERSION = "v26.0";
    static final URI DEFAULT_BASE = URI.create("https://graph.facebook.com");

    private final Clock clock;
    private final RestClient http;

    public FacebookChannel(Clock clock) {
        this.clock = clock;
        this.http = PlatformResponses.client(clock).build();
    }

    @Override
    public Network network() {
        return Network.FACEBOOK;
    }

    @Override
    public PublishedPost publish(SocialAccount account, SocialPost post) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("message", post.text());
        if (post.link() != null) {
            form.put("link", post.link().toString());
        }
        JsonNode created = graph(account).post(form, account.setting("page-id"), "feed");
        String id = created.path("id").asString("");
        if (id.isEmpty()) {
            throw new SocialFailure(SocialFailure.Kind.TRANSIENT, "POST /{page-id}/feed answered without an id");
        }
        return new PublishedPost(id, URI.create("https://www.facebook.com/" + id));
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
                account.settings().getOrDefault("api-version", DEFAULT_VERSION), account.credential("page-access-token"));
    }
}
